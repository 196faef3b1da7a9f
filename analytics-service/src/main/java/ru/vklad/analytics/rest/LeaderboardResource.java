package ru.vklad.analytics.rest;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import ru.vklad.analytics.service.LeaderboardRow;
import ru.vklad.analytics.service.Leaderboards;
import ru.vklad.analytics.service.Period;
import ru.vklad.analytics.service.Rankings;

@Path("/api/analytics/leaderboard")
@Tag(name = "Leaderboards")
public class LeaderboardResource {

    private final Leaderboards leaderboards;
    private final OwnData own;

    public LeaderboardResource(Leaderboards leaderboards, OwnData own) {
        this.leaderboards = leaderboards;
        this.own = own;
    }

    public record Leaderboard(@Schema(examples = "2026-11-01") LocalDate from,
                              @Schema(examples = "2026-11-30") LocalDate to,
                              @Schema(examples = "Продажи") String department, List<LeaderboardRow> rows) {
    }

    @GET
    @RolesAllowed({"hr-admin", "hr-analyst"})
    @Operation(summary = "Members by points posted in a range of days (inclusive, company time zone), overall or "
            + "in one department; equal points share a rank, listed by VK id")
    public Uni<Leaderboard> leaderboard(@Parameter(example = "2026-11-01") @QueryParam("from") @NotNull LocalDate from,
                                        @Parameter(example = "2026-11-30") @QueryParam("to") @NotNull LocalDate to,
                                        @Parameter(example = "Продажи") @QueryParam("department") String department,
                                        @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(100) int limit) {
        Period period = Periods.of(from, to);
        return leaderboards.top(period, department, limit)
                .map(scores -> new Leaderboard(from, to, department, Rankings.rank(scores)));
    }

    @GET
    @Path("/members/{vkUserId}")
    @RolesAllowed({"hr-admin", "hr-analyst", OwnData.EMPLOYEE})
    @Operation(summary = "One member's place in the period, overall or in one department (404: no points in it)")
    public Uni<Rankings.Place> place(@Parameter(example = "51200901") @PathParam("vkUserId") @Positive long vkUserId,
                                     @Parameter(example = "2026-11-01") @QueryParam("from") @NotNull LocalDate from,
                                     @Parameter(example = "2026-11-30") @QueryParam("to") @NotNull LocalDate to,
                                     @Parameter(example = "Продажи") @QueryParam("department") String department) {
        own.require(vkUserId);
        return leaderboards.place(vkUserId, Periods.of(from, to), department).map(place -> place.orElseThrow(() ->
                new NotFoundException("member " + vkUserId + " has no points from " + from + " to " + to)));
    }
}
