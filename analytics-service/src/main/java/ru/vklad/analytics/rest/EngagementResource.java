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
import ru.vklad.analytics.persistence.ActivityReadModel;

@Path("/api/analytics")
@Tag(name = "Engagement")
public class EngagementResource {

    private final ActivityReadModel activities;
    private final OwnData own;

    public EngagementResource(ActivityReadModel activities, OwnData own) {
        this.activities = activities;
        this.own = own;
    }

    public record Actions(@Schema(examples = "51200901") Long vkUserId, @Schema(examples = "Продажи") String department,
                          @Schema(examples = "2026-11-01") LocalDate from,
                          @Schema(examples = "2026-11-30") LocalDate to, List<ActivityReadModel.ActionCount> actions) {
    }

    @GET
    @Path("/members/{vkUserId}/actions")
    @RolesAllowed({"hr-admin", "hr-analyst", OwnData.EMPLOYEE})
    @Operation(summary = "One member's actions by type in a range of days (like, comment, repost, poll_vote, post)")
    public Uni<Actions> memberActions(@Parameter(example = "51200901") @PathParam("vkUserId") @Positive long vkUserId,
                                      @Parameter(example = "2026-11-01") @QueryParam("from") @NotNull LocalDate from,
                                      @Parameter(example = "2026-11-30") @QueryParam("to") @NotNull LocalDate to) {
        own.require(vkUserId);
        return activities.memberActions(vkUserId, Periods.of(from, to))
                .map(actions -> new Actions(vkUserId, null, from, to, actions));
    }

    @GET
    @Path("/actions")
    @RolesAllowed({"hr-admin", "hr-analyst"})
    @Operation(summary = "The action mix in a range of days, for everyone or one department")
    public Uni<Actions> actionMix(@Parameter(example = "2026-11-01") @QueryParam("from") @NotNull LocalDate from,
                                  @Parameter(example = "2026-11-30") @QueryParam("to") @NotNull LocalDate to,
                                  @Parameter(example = "Продажи") @QueryParam("department") String department) {
        return activities.actionMix(Periods.of(from, to), department)
                .map(actions -> new Actions(null, department, from, to, actions));
    }

    @GET
    @Path("/posts")
    @RolesAllowed({"hr-admin", "hr-analyst"})
    @Operation(summary = "Posts and polls by interactions: likes, comments and reposts net of removals, votes",
            description = "Of all time, or with from and to those first interacted with in that range of days. "
                    + "With a department, those that most of its members (in the directory now) engaged with, each "
                    + "with its reach within the department.")
    public Uni<List<ActivityReadModel.PostEngagement>> posts(
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
            @Parameter(example = "2026-11-01") @QueryParam("from") LocalDate from,
            @Parameter(example = "2026-11-30") @QueryParam("to") LocalDate to,
            @Parameter(example = "Продажи") @QueryParam("department") String department) {
        return activities.topPosts(limit, Periods.optional(from, to), department);
    }

    @GET
    @Path("/posts/{objectKey}")
    @RolesAllowed({"hr-admin", "hr-analyst"})
    @Operation(summary = "One post's or poll's counters, e.g. post:-229000001_1201 or poll:-229000001_880012")
    public Uni<ActivityReadModel.PostEngagement> post(
            @Parameter(example = "post:-229000001_1201") @PathParam("objectKey") String objectKey) {
        return activities.post(objectKey).map(found -> found
                .orElseThrow(() -> new NotFoundException("no activity on " + objectKey + " yet")));
    }
}
