package ru.vklad.analytics.rest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import ru.vklad.analytics.persistence.ActivityReadModel;
import ru.vklad.analytics.persistence.PointsReadModel;
import ru.vklad.analytics.service.DepartmentStats;
import ru.vklad.analytics.service.LeaderboardRow;
import ru.vklad.analytics.service.Leaderboards;
import ru.vklad.analytics.service.Rankings;

/** CSV exports for HR's spreadsheets: VK ids, departments and numbers; never names or comment text. */
@Path("/api/analytics/exports")
@Tag(name = "Exports")
public class ExportResource {

    private final PointsReadModel points;
    private final Leaderboards leaderboards;
    private final ActivityReadModel activities;

    public ExportResource(PointsReadModel points, Leaderboards leaderboards, ActivityReadModel activities) {
        this.points = points;
        this.leaderboards = leaderboards;
        this.activities = activities;
    }

    @GET
    @Path("/leaderboard.csv")
    @Produces(Csv.MEDIA_TYPE)
    @RolesAllowed({"hr-admin", "hr-analyst"})
    @Operation(summary = "The leaderboard of a range of days as CSV (rank, vk_user_id, points)")
    public Uni<Response> leaderboard(@Parameter(example = "2026-11-01") @QueryParam("from") @NotNull LocalDate from,
                                     @Parameter(example = "2026-11-30") @QueryParam("to") @NotNull LocalDate to,
                                     @Parameter(example = "Продажи") @QueryParam("department") String department,
                                     @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(10000) int limit) {
        return leaderboards.top(Periods.of(from, to), department, limit).map(scores -> {
            Csv csv = new Csv("rank", "vk_user_id", "points");
            for (LeaderboardRow row : Rankings.rank(scores)) {
                csv.row(Arrays.asList(row.rank(), row.vkUserId(), row.points()));
            }
            return csv.file("leaderboard_" + from + "_" + to + ".csv");
        });
    }

    @GET
    @Path("/departments.csv")
    @Produces(Csv.MEDIA_TYPE)
    @RolesAllowed({"hr-admin", "hr-analyst"})
    @Operation(summary = "Participation per department in a range of days as CSV")
    public Uni<Response> departments(@Parameter(example = "2026-11-01") @QueryParam("from") @NotNull LocalDate from,
                                     @Parameter(example = "2026-11-30") @QueryParam("to") @NotNull LocalDate to) {
        return points.departments(Periods.of(from, to)).map(stats -> {
            Csv csv = new Csv("department", "members", "active_members", "participation_rate", "points",
                    "activity_points", "points_per_capita");
            for (DepartmentStats s : stats) {
                csv.row(Arrays.asList(s.department(), s.members(), s.activeMembers(), s.participationRate(),
                        s.points(), s.activityPoints(), s.pointsPerCapita()));
            }
            return csv.file("departments_" + from + "_" + to + ".csv");
        });
    }

    @GET
    @Path("/actions.csv")
    @Produces(Csv.MEDIA_TYPE)
    @RolesAllowed({"hr-admin", "hr-analyst"})
    @Operation(summary = "The action mix in a range of days, for everyone or one department, as CSV")
    public Uni<Response> actions(@Parameter(example = "2026-11-01") @QueryParam("from") @NotNull LocalDate from,
                                 @Parameter(example = "2026-11-30") @QueryParam("to") @NotNull LocalDate to,
                                 @Parameter(example = "Продажи") @QueryParam("department") String department) {
        return activities.actionMix(Periods.of(from, to), department).map(counts -> {
            Csv csv = new Csv("action", "count");
            counts.forEach(count -> csv.row(Arrays.asList(count.action(), count.count())));
            return csv.file("actions_" + from + "_" + to + ".csv");
        });
    }

    @GET
    @Path("/posts.csv")
    @Produces(Csv.MEDIA_TYPE)
    @RolesAllowed({"hr-admin", "hr-analyst"})
    @Operation(summary = "Posts and polls by interactions, with reach and engagement rate, as CSV",
            description = "Of all time, or with from and to those first interacted with in that range of days. "
                    + "With a department, those that most of its members engaged with, and four columns of their "
                    + "reach within it.")
    public Uni<Response> posts(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(10000) int limit,
                               @Parameter(example = "2026-11-01") @QueryParam("from") LocalDate from,
                               @Parameter(example = "2026-11-30") @QueryParam("to") LocalDate to,
                               @Parameter(example = "Продажи") @QueryParam("department") String department) {
        return activities.topPosts(limit, Periods.optional(from, to), department).map(posts -> {
            List<String> columns = new ArrayList<>(List.of("post", "community_id", "likes", "comments",
                    "substantive_comments", "reposts", "votes", "interactions", "audience", "engaged_members",
                    "audience_size", "engagement_rate", "first_activity", "last_activity"));
            if (department != null) {
                columns.addAll(List.of("department", "department_engaged_members", "department_audience_size",
                        "department_engagement_rate"));
            }
            Csv csv = new Csv(columns.toArray(String[]::new));
            for (ActivityReadModel.PostEngagement post : posts) {
                List<Object> row = new ArrayList<>(Arrays.asList(post.objectKey(), post.communityId(), post.likes(),
                        post.comments(), post.substantiveComments(), post.reposts(), post.votes(),
                        post.interactions(), post.audience(), post.engagedMembers(), post.audienceSize(),
                        post.engagementRate(), post.firstActivity(), post.lastActivity()));
                ActivityReadModel.DepartmentReach reach = post.departmentReach();
                if (reach != null) {
                    row.addAll(Arrays.asList(reach.department(), reach.engagedMembers(), reach.audienceSize(),
                            reach.engagementRate()));
                }
                csv.row(row);
            }
            return csv.file("posts.csv");
        });
    }
}
