package ru.vklad.analytics.persistence;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.analytics.service.ActivityEffect;
import ru.vklad.analytics.service.CommentChange;
import ru.vklad.analytics.service.EngagementRate;
import ru.vklad.analytics.service.Period;

/** Actions per member and day, reach per post, poll votes: from `activities`, each activity applied once. */
@ApplicationScoped
public class ActivityReadModel {

    private final Pool pool;
    private final CommentReadModel comments;

    public ActivityReadModel(Pool pool, CommentReadModel comments) {
        this.pool = pool;
        this.comments = comments;
    }

    /**
     * Applies what one activity changes unless it was applied before; answers whether it was applied now.
     *
     * @param effect  its effect on actions, reach and votes; null for none
     * @param comment its effect on comment tone and topics; null for none
     */
    public Uni<Boolean> apply(String activityId, long vkUserId, LocalDate day, ActivityEffect effect,
                              CommentChange comment) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("INSERT INTO applied_event (event_id) VALUES ($1) ON CONFLICT DO NOTHING")
                .execute(Tuple.of("activity:" + activityId))
                .chain(marked -> marked.rowCount() == 0
                        ? Uni.createFrom().item(false)
                        : effect(connection, vkUserId, day, effect)
                                .chain(() -> comment == null ? Uni.createFrom().voidItem()
                                        : comments.apply(connection, vkUserId, day, comment))
                                .replaceWith(true)));
    }

    private static Uni<Void> effect(SqlConnection connection, long vkUserId, LocalDate day, ActivityEffect effect) {
        if (effect == null) {
            return Uni.createFrom().voidItem();
        }
        return action(connection, vkUserId, day, effect)
                .chain(() -> post(connection, effect))
                .chain(() -> engager(connection, vkUserId, effect))
                .chain(() -> vote(connection, vkUserId, effect));
    }

    private static Uni<Void> action(SqlConnection connection, long vkUserId, LocalDate day, ActivityEffect effect) {
        if (effect.action() == null) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                        INSERT INTO member_actions_daily (vk_user_id, day, action, department, count)
                        VALUES ($1, $2, $3, (SELECT department FROM member_directory WHERE vk_user_id = $1), 1)
                        ON CONFLICT (vk_user_id, day, action) DO UPDATE SET count = member_actions_daily.count + 1""")
                .execute(Tuple.of(vkUserId, day, effect.action())).replaceWithVoid();
    }

    private static Uni<Void> post(SqlConnection connection, ActivityEffect effect) {
        if (effect.objectKey() == null) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                        INSERT INTO post_engagement (object_key, community_id, likes, comments, reposts, votes,
                                                     last_activity, audience)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                        ON CONFLICT (object_key) DO UPDATE SET likes = post_engagement.likes + EXCLUDED.likes,
                            audience = coalesce(post_engagement.audience, EXCLUDED.audience),
                            comments = post_engagement.comments + EXCLUDED.comments,
                            reposts = post_engagement.reposts + EXCLUDED.reposts,
                            votes = post_engagement.votes + EXCLUDED.votes,
                            last_activity = greatest(post_engagement.last_activity, EXCLUDED.last_activity)""")
                .execute(Tuple.from(Arrays.asList(effect.objectKey(), effect.communityId(), effect.likes(),
                        effect.comments(), effect.reposts(), effect.votes(),
                        effect.occurredAt().atOffset(ZoneOffset.UTC), effect.audience())))
                .replaceWithVoid();
    }

    /** The member counts once among the post's engaged members, however often they interact with it. */
    private static Uni<Void> engager(SqlConnection connection, long vkUserId, ActivityEffect effect) {
        if (!effect.engages()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                        WITH engaged AS (
                            INSERT INTO post_engager (object_key, vk_user_id) VALUES ($1, $2)
                            ON CONFLICT DO NOTHING RETURNING object_key)
                        UPDATE post_engagement SET engaged_members = engaged_members + 1
                        WHERE object_key IN (SELECT object_key FROM engaged)""")
                .execute(Tuple.of(effect.objectKey(), vkUserId)).replaceWithVoid();
    }

    private static Uni<Void> vote(SqlConnection connection, long vkUserId, ActivityEffect effect) {
        if (effect.pollOption() == null) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                        INSERT INTO poll_vote (poll_key, vk_user_id, option_id, department, voted_at)
                        VALUES ($1, $2, $3, (SELECT department FROM member_directory WHERE vk_user_id = $2), $4)
                        ON CONFLICT (poll_key, vk_user_id) DO UPDATE SET option_id = EXCLUDED.option_id,
                            department = EXCLUDED.department, voted_at = EXCLUDED.voted_at
                        WHERE poll_vote.voted_at <= EXCLUDED.voted_at""")
                .execute(Tuple.of(effect.objectKey(), vkUserId, effect.pollOption(),
                        effect.occurredAt().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
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
     * @param engagedMembers members who liked, commented, reposted or voted at least once
     * @param audienceSize   consenting members of the post's community audience now; null when not known
     * @param engagementRate engaged members per member of the audience; null when the audience is not known
     */
    public record PostEngagement(@Schema(examples = "post:-229000001_1201") String objectKey,
                                 @Schema(examples = "229000001") long communityId, @Schema(examples = "86") int likes,
                                 @Schema(examples = "14") int comments, @Schema(examples = "5") int reposts,
                                 @Schema(examples = "0") int votes, @Schema(examples = "105") int interactions,
                                 @Schema(examples = "employees") String audience,
                                 @Schema(examples = "91") int engagedMembers,
                                 @Schema(examples = "240") Integer audienceSize,
                                 @Schema(examples = "0.379") Double engagementRate) {
    }

    private static final String AUDIENCE_SIZE = """
            (SELECT count(*)::int FROM member_directory d WHERE d.audience = p.audience AND d.consent_given)
                AS audience_size
            """;

    /** The posts and polls with the most interactions (likes + comments + reposts + votes). */
    public Uni<List<PostEngagement>> topPosts(int limit) {
        return pool.preparedQuery("""
                        SELECT *, likes + comments + reposts + votes AS interactions, """ + AUDIENCE_SIZE + """
                        FROM post_engagement p
                        ORDER BY likes + comments + reposts + votes DESC, object_key LIMIT $1""")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<PostEngagement> posts = new ArrayList<>();
                    rows.forEach(row -> posts.add(engagement(row)));
                    return posts;
                });
    }

    /** One post's (or poll's) counters. */
    public Uni<Optional<PostEngagement>> post(String objectKey) {
        return pool.preparedQuery("""
                        SELECT *, likes + comments + reposts + votes AS interactions, """ + AUDIENCE_SIZE + """
                        FROM post_engagement p
                        WHERE object_key = $1""")
                .execute(Tuple.of(objectKey))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(engagement(rows.iterator().next())));
    }

    private static PostEngagement engagement(Row row) {
        String audience = row.getString("audience");
        Integer audienceSize = audience == null ? null : row.getInteger("audience_size");
        int engaged = row.getInteger("engaged_members");
        return new PostEngagement(row.getString("object_key"), row.getLong("community_id"), row.getInteger("likes"),
                row.getInteger("comments"), row.getInteger("reposts"), row.getInteger("votes"),
                row.getInteger("interactions"), audience, engaged, audienceSize,
                EngagementRate.of(engaged, audienceSize));
    }

    private static List<ActionCount> actions(Iterable<Row> rows) {
        List<ActionCount> counts = new ArrayList<>();
        rows.forEach(row -> counts.add(new ActionCount(row.getString("action"), row.getLong("count"))));
        return counts;
    }
}
