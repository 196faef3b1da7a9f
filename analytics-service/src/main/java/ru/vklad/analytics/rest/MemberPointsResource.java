package ru.vklad.analytics.rest;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import ru.vklad.analytics.persistence.PointsReadModel;
import ru.vklad.analytics.service.MemberTrend;
import ru.vklad.analytics.service.Period;

@Path("/api/analytics/members/{vkUserId}/points")
@Tag(name = "Contribution")
public class MemberPointsResource {

    private final PointsReadModel points;
    private final OwnData own;

    public MemberPointsResource(PointsReadModel points, OwnData own) {
        this.points = points;
        this.own = own;
    }

    public record MemberPoints(@Schema(examples = "51200901") long vkUserId,
                               @Schema(examples = "2026-11-01") LocalDate from,
                               @Schema(examples = "2026-11-30") LocalDate to, @Schema(examples = "1250") long points,
                               @Schema(examples = "86") int entries, List<PointsReadModel.DailyPoints> days,
                               MemberTrend trend) {
    }

    @GET
    @RolesAllowed({"hr-admin", "hr-analyst", OwnData.EMPLOYEE})
    @Operation(summary = "One member's contribution in a range (inclusive, company time zone): points per day, "
            + "the activity share, active days, streaks, and points per ISO week and month")
    public Uni<MemberPoints> memberPoints(
            @Parameter(example = "51200901") @PathParam("vkUserId") @Positive long vkUserId,
            @Parameter(example = "2026-11-01") @QueryParam("from") @NotNull LocalDate from,
            @Parameter(example = "2026-11-30") @QueryParam("to") @NotNull LocalDate to) {
        own.require(vkUserId);
        Period period = Periods.of(from, to);
        return points.memberDays(vkUserId, period).map(days -> new MemberPoints(vkUserId, from, to,
                days.stream().mapToLong(PointsReadModel.DailyPoints::points).sum(),
                days.stream().mapToInt(PointsReadModel.DailyPoints::entries).sum(), days,
                MemberTrend.of(days.stream().map(d -> new MemberTrend.Day(d.day(), d.points(), d.activityPoints()))
                        .toList(), period)));
    }
}
