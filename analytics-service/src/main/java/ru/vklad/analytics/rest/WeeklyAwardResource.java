package ru.vklad.analytics.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import ru.vklad.analytics.persistence.WeeklyAwards;
import ru.vklad.analytics.service.IsoWeek;
import ru.vklad.analytics.service.WeeklyAwardJob;

@Path("/api/analytics/weekly-award/{week}")
@Tag(name = "Weekly most active")
public class WeeklyAwardResource {

    private final WeeklyAwardJob job;
    private final WeeklyAwards awards;

    public WeeklyAwardResource(WeeklyAwardJob job, WeeklyAwards awards) {
        this.job = job;
        this.awards = awards;
    }

    public record WeeklyAwardView(@Schema(examples = "2026-W47") String week,
                                  @Schema(examples = "51200901") long vkUserId,
                                  @Schema(examples = "110") long activityPoints, @Schema(examples = "6") int activeDays,
                                  @Schema(examples = "500") long awardPoints, boolean sent) {

        static WeeklyAwardView of(WeeklyAwards.Award award) {
            return new WeeklyAwardView(award.week().toString(), award.vkUserId(), award.activityPoints(),
                    award.activeDays(), award.awardPoints(), award.sent());
        }
    }

    @GET
    @RolesAllowed({"hr-admin", "hr-analyst"})
    @Operation(summary = "The winner of an ISO week (e.g. 2026-W47), once picked")
    public Uni<WeeklyAwardView> winner(@Parameter(example = "2026-W47") @PathParam("week") String week) {
        return awards.find(week(week)).map(found -> found.map(WeeklyAwardView::of)
                .orElseThrow(() -> new NotFoundException("no weekly award for " + week + " yet")));
    }

    @POST
    @RolesAllowed("hr-admin")
    @Operation(summary = "Pick and award a past week's most active member now (as the Monday job does)",
            description = "Idempotent: a week has one winner and one award, however often this is called; 204 when "
                    + "nobody earned points from activity that week.")
    public Uni<Response> award(@Parameter(example = "2026-W47") @PathParam("week") String week) {
        IsoWeek parsed = week(week);
        return job.award(parsed)
                .onFailure(IllegalArgumentException.class)
                .transform(e -> new BadRequestException(e.getMessage()))
                .map(award -> award.map(a -> Response.ok(WeeklyAwardView.of(a)).build())
                        .orElseGet(() -> Response.noContent().build()));
    }

    private static IsoWeek week(String text) {
        try {
            return IsoWeek.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
