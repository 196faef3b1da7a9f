package ru.vklad.analytics.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.analytics.config.AnalyticsConfig;
import ru.vklad.analytics.service.ActivityBatch;
import ru.vklad.analytics.service.EngagementRate;
import ru.vklad.analytics.service.Period;

/** Actions per member and day, reach per post, poll votes: from `activities`, each activity applied once. */
@ApplicationScoped
public class ActivityReadModel {

    private final Pool pool;
    private final CommentReadModel comments;
    private final ErasedMembers erased;
    private final AnalyticsConfig config;

    public ActivityReadModel(Pool pool, CommentReadModel comments, ErasedMembers erased, AnalyticsConfig config) {
        this.pool = pool;
        this.comments = comments;
        this.erased = erased;
        this.config = config;
    }

    /**
     * Applies what a batch of activities changes, in one transaction, each activity only if it was never applied
     * before (redeliveries and duplicates within the batch change nothing); answers how many were applied now.
     * Each row is written once per batch, with one set-based statement per table.
     */
    public Uni<Integer> apply(List<ActivityBatch.Item> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return pool.withTransaction(connection -> connection
                .preparedQuery("""
                        INSERT INTO applied_event (event_id) SELECT unnest($1::text[])
                        ON CONFLICT DO NOTHING RETURNING event_id""")
                .execute(Tuple.of(items.stream().map(item -> "activity:" + item.activityId()).toArray(String[]::new)))
                .chain(marked -> {
                    Set<String> fresh = new HashSet<>();
                    marked.forEach(row -> fresh.add(row.getString("event_id")));
                    // Of a duplicate within the batch only the first is applied: remove() answers true once.
                    List<ActivityBatch.Item> first = items.stream()
                            .filter(item -> fresh.remove("activity:" + item.activityId())).toList();
                    return erased.among(connection, first.stream().map(ActivityBatch.Item::vkUserId).toList())
                            .chain(gone -> {
                                ActivityBatch batch = ActivityBatch.of(first.stream()
                                        .map(item -> new ActivityBatch.Item(item.activityId(),
                                                gone.idOf(item.vkUserId(), item.day()), item.day(), item.effect(),
                                                item.comment()))
                                        .toList());
                                // A post's row is shared by the consumers of every partition: written last, it is
                                // locked only until the commit that follows.
                                return actions(connection, batch)
                                        .chain(() -> votes(connection, batch))
                                        .chain(() -> commentRounds(connection, batch.commentRounds(), 0))
                                        .chain(() -> posts(connection, batch));
                            })
                            .replaceWith(first.size());
                }));
    }

    private static Uni<Void> actions(SqlConnection connection, ActivityBatch batch) {
        if (batch.actions().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        var keys = batch.actions().keySet();
        return connection.preparedQuery("""
                        INSERT INTO member_actions_daily (vk_user_id, day, action, department, count)
                        SELECT a.vk_user_id, a.day, a.action, coalesce(d.department, e.department), a.count
                        FROM unnest($1::bigint[], $2::date[], $3::text[], $4::int[]) AS a(vk_user_id, day, action, count)
                             LEFT JOIN member_directory d ON d.vk_user_id = a.vk_user_id
                             LEFT JOIN erased_member e ON e.surrogate = a.vk_user_id
                        ON CONFLICT (vk_user_id, day, action)
                        DO UPDATE SET count = member_actions_daily.count + EXCLUDED.count""")
                .execute(Tuple.of(keys.stream().map(ActivityBatch.ActionKey::vkUserId).toArray(Long[]::new),
                        keys.stream().map(ActivityBatch.ActionKey::day).toArray(LocalDate[]::new),
                        keys.stream().map(ActivityBatch.ActionKey::action).toArray(String[]::new),
                        batch.actions().values().toArray(Integer[]::new)))
                .replaceWithVoid();
    }

    /**
     * A post's counters and its engaged members (a member counts once among them, however often they interact with
     * it) in one statement, so each post's row is written once per batch, in key order.
     */
    private static Uni<Void> posts(SqlConnection connection, ActivityBatch batch) {
        List<ActivityBatch.PostDelta> posts = batch.posts();
        if (posts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<ActivityBatch.Engager> engagers = batch.engagers();
        return connection.preparedQuery("""
                        WITH engaged AS (
                            INSERT INTO post_engager (object_key, vk_user_id)
                            SELECT * FROM unnest($9::text[], $10::bigint[])
                            ON CONFLICT DO NOTHING RETURNING object_key),
                        newly AS (SELECT object_key, count(*)::int AS members FROM engaged GROUP BY object_key)
                        INSERT INTO post_engagement (object_key, community_id, likes, comments, reposts, votes,
                                                     last_activity, audience, first_activity, engaged_members)
                        SELECT p.*, coalesce(n.members, 0)
                        FROM unnest($1::text[], $2::bigint[], $3::int[], $4::int[], $5::int[], $6::int[],
                                    $7::timestamptz[], $8::text[], $11::timestamptz[])
                             AS p(object_key, community_id, likes, comments, reposts, votes, last_activity, audience,
                                  first_activity)
                             LEFT JOIN newly n USING (object_key)
                        ORDER BY p.object_key
                        ON CONFLICT (object_key) DO UPDATE SET likes = post_engagement.likes + EXCLUDED.likes,
                            -- unknown for a post seen before it was recorded (V10): stays unknown
                            first_activity = CASE WHEN post_engagement.first_activity IS NULL THEN NULL
                                ELSE least(post_engagement.first_activity, EXCLUDED.first_activity) END,
                            audience = coalesce(post_engagement.audience, EXCLUDED.audience),
                            comments = post_engagement.comments + EXCLUDED.comments,
                            reposts = post_engagement.reposts + EXCLUDED.reposts,
                            votes = post_engagement.votes + EXCLUDED.votes,
                            last_activity = greatest(post_engagement.last_activity, EXCLUDED.last_activity),
                            engaged_members = post_engagement.engaged_members + EXCLUDED.engaged_members""")
                .execute(Tuple.tuple(List.of(
                        posts.stream().map(ActivityBatch.PostDelta::objectKey).toArray(String[]::new),
                        posts.stream().map(ActivityBatch.PostDelta::communityId).toArray(Long[]::new),
                        posts.stream().map(ActivityBatch.PostDelta::likes).toArray(Integer[]::new),
                        posts.stream().map(ActivityBatch.PostDelta::comments).toArray(Integer[]::new),
                        posts.stream().map(ActivityBatch.PostDelta::reposts).toArray(Integer[]::new),
                        posts.stream().map(ActivityBatch.PostDelta::votes).toArray(Integer[]::new),
                        posts.stream().map(post -> post.lastActivity().atOffset(ZoneOffset.UTC))
                                .toArray(OffsetDateTime[]::new),
                        posts.stream().map(ActivityBatch.PostDelta::audience).toArray(String[]::new),
                        engagers.stream().map(ActivityBatch.Engager::objectKey).toArray(String[]::new),
                        engagers.stream().map(ActivityBatch.Engager::vkUserId).toArray(Long[]::new),
                        posts.stream().map(post -> post.firstActivity().atOffset(ZoneOffset.UTC))
                                .toArray(OffsetDateTime[]::new))))
                .replaceWithVoid();
    }

    private static Uni<Void> votes(SqlConnection connection, ActivityBatch batch) {
        List<ActivityBatch.Vote> votes = batch.votes();
        if (votes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                        INSERT INTO poll_vote (poll_key, vk_user_id, option_id, department, voted_at)
                        SELECT v.poll_key, v.vk_user_id, v.option_id, coalesce(d.department, e.department),
                               v.voted_at
                        FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::timestamptz[])
                             AS v(poll_key, vk_user_id, option_id, voted_at)
                             LEFT JOIN member_directory d ON d.vk_user_id = v.vk_user_id
                             LEFT JOIN erased_member e ON e.surrogate = v.vk_user_id
                        ON CONFLICT (poll_key, vk_user_id) DO UPDATE SET option_id = EXCLUDED.option_id,
                            department = EXCLUDED.department, voted_at = EXCLUDED.voted_at
                        WHERE poll_vote.voted_at <= EXCLUDED.voted_at""")
                .execute(Tuple.of(votes.stream().map(ActivityBatch.Vote::pollKey).toArray(String[]::new),
                        votes.stream().map(ActivityBatch.Vote::vkUserId).toArray(Long[]::new),
                        votes.stream().map(ActivityBatch.Vote::option).toArray(Long[]::new),
                        votes.stream().map(vote -> vote.votedAt().atOffset(ZoneOffset.UTC))
                                .toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    private Uni<Void> commentRounds(SqlConnection connection, List<List<ActivityBatch.CommentItem>> rounds, int next) {
        if (next == rounds.size()) {
            return Uni.createFrom().voidItem();
        }
        return comments.applyRound(connection, rounds.get(next))
                .chain(() -> commentRounds(connection, rounds, next + 1));
    }

    public record ActionCount(@Schema(examples = "like") String action, @Schema(examples = "42") long count) {
    }

    /** One member's actions by type in the period. */
    public Uni<List<ActionCount>> memberActions(long vkUserId, Period period) {
        return pool.preparedQuery("""
                        SELECT action, SUM(count) AS count FROM member_actions_daily
                        WHERE vk_user_id = $1 AND day BETWEEN $2 AND $3 GROUP BY action ORDER BY action""")
                .execute(Tuple.of(vkUserId, period.from(), period.to()))
                .map(ActivityReadModel::actions);
    }

    /** Actions by type in the period, for everyone or one department (as when they acted). */
    public Uni<List<ActionCount>> actionMix(Period period, String department) {
        return pool.preparedQuery("""
                        SELECT action, SUM(count) AS count FROM member_actions_daily
                        WHERE day BETWEEN $1 AND $2 AND ($3::text IS NULL OR department = $3)
                        GROUP BY action ORDER BY action""")
                .execute(Tuple.from(Arrays.asList(period.from(), period.to(), department)))
                .map(ActivityReadModel::actions);
    }

    /**
     * @param comments            comments net of deletions, stickers and emoji included
     * @param substantiveComments comments with text that pass the earning rules' substantive-comment test, net of
     *                            deletions while their text is kept (as the tone counts)
     * @param engagedMembers members who liked, commented, reposted or voted at least once
     * @param audienceSize   consenting members of the post's community audience now; null when not known
     * @param engagementRate engaged members per member of the audience; null when the audience is not known
     */
    public record PostEngagement(@Schema(examples = "post:-229000001_1201") String objectKey,
                                 @Schema(examples = "229000001") long communityId, @Schema(examples = "86") int likes,
                                 @Schema(examples = "14") int comments,
                                 @Schema(examples = "9") long substantiveComments,
                                 @Schema(examples = "5") int reposts,
                                 @Schema(examples = "0") int votes, @Schema(examples = "105") int interactions,
                                 @Schema(examples = "employees") String audience,
                                 @Schema(examples = "91") int engagedMembers,
                                 @Schema(examples = "240") Integer audienceSize,
                                 @Schema(examples = "0.379") Double engagementRate,
                                 @Schema(examples = "2026-11-23T09:14:05Z") Instant firstActivity,
                                 @Schema(examples = "2026-11-27T18:40:11Z") Instant lastActivity,
                                 @Schema(description = "Only when the posts were asked for one department")
                                 DepartmentReach departmentReach) {
    }

    /**
     * A post's reach within one department: its members in the directory now who engaged with it (liked,
     * commented, reposted or voted at least once), against the department's consenting members in the post's
     * audience now.
     *
     * @param audienceSize   null when the post's audience is not known
     * @param engagementRate null when the audience is not known or has none of the department's members
     */
    public record DepartmentReach(@Schema(examples = "Продажи") String department,
                                  @Schema(examples = "31") int engagedMembers,
                                  @Schema(examples = "58") Integer audienceSize,
                                  @Schema(examples = "0.534") Double engagementRate) {
    }

    /** The audience's size now, from the directory, and the substantive comments, from the tone counts. */
    private static final String COUNTED_ELSEWHERE = """
            (SELECT count(*)::int FROM member_directory d WHERE d.audience = p.audience AND d.consent_given)
                AS audience_size,
            (SELECT coalesce(SUM(t.substantive), 0) FROM comment_tone_daily t WHERE t.post_key = p.object_key)
                AS substantive_comments
            """;

    /**
     * The posts and polls with the most interactions (likes + comments + reposts + votes), of all time or, with a
     * period, those first interacted with within it (days in the company's zone). With a department, the posts that
     * most of its members engaged with, each with its reach within the department.
     */
    public Uni<List<PostEngagement>> topPosts(int limit, Period period, String department) {
        ZoneId zone = config.zone();
        Tuple arguments = Tuple.of(limit,
                period == null ? null : period.from().atStartOfDay(zone).toOffsetDateTime(),
                period == null ? null : period.to().plusDays(1).atStartOfDay(zone).toOffsetDateTime());
        String inPeriod = "($2::timestamptz IS NULL OR (first_activity >= $2 AND first_activity < $3))";
        // A department's engagers are counted from who engaged (post_engager) and who is in it now: the post
        // counters hold no members, and an erased member's anonymous id is in no department.
        String query = department == null ? """
                SELECT *, likes + comments + reposts + votes AS interactions, """ + COUNTED_ELSEWHERE + """
                FROM post_engagement p
                WHERE """ + inPeriod + """
                ORDER BY likes + comments + reposts + votes DESC, object_key LIMIT $1""" : """
                WITH reach AS (
                    SELECT e.object_key, count(*)::int AS department_engaged
                    FROM post_engager e JOIN member_directory d ON d.vk_user_id = e.vk_user_id
                    WHERE d.department = $4
                    GROUP BY e.object_key)
                SELECT p.*, r.department_engaged, likes + comments + reposts + votes AS interactions,
                    (SELECT count(*)::int FROM member_directory d
                        WHERE d.audience = p.audience AND d.consent_given AND d.department = $4)
                        AS department_audience_size,
                    """ + COUNTED_ELSEWHERE + """
                FROM reach r JOIN post_engagement p ON p.object_key = r.object_key
                WHERE """ + inPeriod + """
                ORDER BY r.department_engaged DESC, likes + comments + reposts + votes DESC, p.object_key
                LIMIT $1""";
        return pool.preparedQuery(query)
                .execute(department == null ? arguments : arguments.addString(department))
                .map(rows -> {
                    List<PostEngagement> posts = new ArrayList<>();
                    rows.forEach(row -> posts.add(engagement(row, department == null ? null : reach(row, department))));
                    return posts;
                });
    }

    /** One post's (or poll's) counters. */
    public Uni<Optional<PostEngagement>> post(String objectKey) {
        return pool.preparedQuery("""
                        SELECT *, likes + comments + reposts + votes AS interactions, """ + COUNTED_ELSEWHERE + """
                        FROM post_engagement p
                        WHERE object_key = $1""")
                .execute(Tuple.of(objectKey))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(engagement(rows.iterator().next(), null)));
    }

    private static DepartmentReach reach(Row row, String department) {
        Integer audienceSize = row.getString("audience") == null ? null : row.getInteger("department_audience_size");
        int engaged = row.getInteger("department_engaged");
        return new DepartmentReach(department, engaged, audienceSize, EngagementRate.of(engaged, audienceSize));
    }

    private static PostEngagement engagement(Row row, DepartmentReach departmentReach) {
        String audience = row.getString("audience");
        Integer audienceSize = audience == null ? null : row.getInteger("audience_size");
        int engaged = row.getInteger("engaged_members");
        OffsetDateTime first = row.getOffsetDateTime("first_activity");
        return new PostEngagement(row.getString("object_key"), row.getLong("community_id"), row.getInteger("likes"),
                row.getInteger("comments"), row.getLong("substantive_comments"), row.getInteger("reposts"), row.getInteger("votes"),
                row.getInteger("interactions"), audience, engaged, audienceSize,
                EngagementRate.of(engaged, audienceSize), first == null ? null : first.toInstant(),
                row.getOffsetDateTime("last_activity").toInstant(), departmentReach);
    }

    private static List<ActionCount> actions(Iterable<Row> rows) {
        List<ActionCount> counts = new ArrayList<>();
        rows.forEach(row -> counts.add(new ActionCount(row.getString("action"), row.getLong("count"))));
        return counts;
    }
}
