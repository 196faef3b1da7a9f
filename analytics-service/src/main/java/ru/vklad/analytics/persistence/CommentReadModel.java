package ru.vklad.analytics.persistence;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.analytics.config.AnalyticsConfig;
import ru.vklad.analytics.service.CommentChange;
import ru.vklad.analytics.service.CommentTone;
import ru.vklad.analytics.service.KeyTopics;
import ru.vklad.analytics.service.Period;

/**
 * Comment tone and terms per post and day, and the comment texts kept for a while (only of members who have not
 * withdrawn consent, only as long as {@code vklad.analytics.comments.keep-text}).
 */
@ApplicationScoped
public class CommentReadModel {

    private static final String ADD_COUNTS = """
            , tone AS (
                INSERT INTO comment_tone_daily (day, post_key, tone, comments) VALUES ($1, $2, $3, 1)
                ON CONFLICT (day, post_key, tone) DO UPDATE SET comments = comment_tone_daily.comments + 1)
            INSERT INTO comment_term_daily (day, post_key, term, word, comments)
            SELECT $1, $2, used.stem, used.word, 1 FROM unnest($4::text[], $5::text[]) AS used(stem, word)
            ON CONFLICT (day, post_key, term) DO UPDATE SET comments = comment_term_daily.comments + 1
            """;

    private final Pool pool;
    private final AnalyticsConfig config;
    private final Clock clock;

    public CommentReadModel(Pool pool, AnalyticsConfig config) {
        this.pool = pool;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /** Applies one comment change inside the caller's transaction (the one that marks the activity applied). */
    Uni<Void> apply(SqlConnection connection, long vkUserId, LocalDate day, CommentChange change) {
        return takeBack(connection, change.commentKey()).chain(counted -> {
            if (change.kind() == CommentChange.Kind.DELETED
                    || (change.kind() == CommentChange.Kind.EDITED && !counted)) {
                return Uni.createFrom().voidItem();
            }
            return count(connection, vkUserId, day, change);
        });
    }

    /** Takes back what was counted for a comment whose text is still kept; answers whether there was any. */
    private static Uni<Boolean> takeBack(SqlConnection connection, String commentKey) {
        return connection.preparedQuery("""
                        WITH old AS (DELETE FROM comment_text WHERE comment_key = $1 RETURNING *),
                        tone AS (
                            UPDATE comment_tone_daily t SET comments = t.comments - 1 FROM old
                            WHERE t.day = old.day AND t.post_key = old.post_key AND t.tone = old.tone),
                        terms AS (
                            UPDATE comment_term_daily t SET comments = t.comments - 1
                            FROM old, unnest(old.terms) AS used(stem)
                            WHERE t.day = old.day AND t.post_key = old.post_key AND t.term = used.stem)
                        SELECT count(*) AS counted FROM old""")
                .execute(Tuple.of(commentKey))
                .map(rows -> rows.iterator().next().getLong("counted") > 0);
    }

    private Uni<Void> count(SqlConnection connection, long vkUserId, LocalDate day, CommentChange change) {
        List<String> terms = new ArrayList<>(change.analysis().terms().keySet());
        List<String> words = new ArrayList<>(change.analysis().terms().values());
        boolean keepText = change.writtenAt().isAfter(clock.instant().minus(config.comments().keepText()));
        // The text is kept only while its time lasts and unless the directory says consent is withdrawn.
        return connection.preparedQuery("""
                        WITH kept AS (
                            INSERT INTO comment_text (comment_key, vk_user_id, post_key, day, written_at, text, tone,
                                                      terms, words)
                            SELECT $6, $7, $2, $1, $8, $9, $3, $4, $5
                            WHERE $10 AND NOT EXISTS (
                                SELECT 1 FROM member_directory WHERE vk_user_id = $7 AND NOT consent_given))
                        """ + ADD_COUNTS)
                .execute(Tuple.from(Arrays.asList(day, change.postKey(), change.analysis().tone().label(),
                        terms.toArray(String[]::new), words.toArray(String[]::new), change.commentKey(), vkUserId,
                        change.writtenAt().atOffset(ZoneOffset.UTC), change.text(), keepText)))
                .replaceWithVoid();
    }

    /** Removes comment texts older than their time; answers how many went. */
    public Uni<Integer> forgetExpiredTexts() {
        return forgetTextsWrittenBefore(clock.instant().minus(config.comments().keepText()));
    }

    public Uni<Integer> forgetTextsWrittenBefore(Instant before) {
        return pool.preparedQuery("DELETE FROM comment_text WHERE written_at < $1")
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount());
    }

    /** Comment counts by tone in a period, for everything or one post. */
    public Uni<Map<CommentTone, Long>> tone(Period period, String postKey) {
        return pool.preparedQuery("""
                        SELECT tone, SUM(comments) AS comments FROM comment_tone_daily
                        WHERE day BETWEEN $1 AND $2 AND ($3::text IS NULL OR post_key = $3)
                        GROUP BY tone""")
                .execute(Tuple.from(Arrays.asList(period.from(), period.to(), postKey)))
                .map(rows -> {
                    Map<CommentTone, Long> counts = new EnumMap<>(CommentTone.class);
                    for (CommentTone tone : CommentTone.values()) {
                        counts.put(tone, 0L);
                    }
                    rows.forEach(row -> counts.put(CommentTone.ofLabel(row.getString("tone")),
                            Math.max(0, row.getLong("comments"))));
                    return counts;
                });
    }

    /** The terms of a period's comments (of everything or one post) used by at least {@code minComments}. */
    public Uni<List<KeyTopics.TermCount>> terms(Period period, String postKey, int minComments) {
        return pool.preparedQuery("""
                        SELECT term, mode() WITHIN GROUP (ORDER BY word) AS word, SUM(comments) AS comments
                        FROM comment_term_daily
                        WHERE day BETWEEN $1 AND $2 AND ($3::text IS NULL OR post_key = $3)
                        GROUP BY term HAVING SUM(comments) >= $4""")
                .execute(Tuple.from(Arrays.asList(period.from(), period.to(), postKey, minComments)))
                .map(rows -> {
                    List<KeyTopics.TermCount> terms = new ArrayList<>();
                    rows.forEach(row -> terms.add(new KeyTopics.TermCount(row.getString("term"),
                            row.getString("word"), row.getLong("comments").intValue())));
                    return terms;
                });
    }

    /**
     * The terms used in each of the {@code count} periods of the same length before {@code period}, all comments;
     * periods without a comment are left out.
     */
    public Uni<List<Set<String>>> earlierTerms(Period period, int count) {
        long length = period.to().toEpochDay() - period.from().toEpochDay() + 1;
        LocalDate from = period.from().minusDays(length * count);
        return pool.preparedQuery("""
                        SELECT DISTINCT (day - $1) / $3 AS bucket, term FROM comment_term_daily
                        WHERE day >= $1 AND day < $2 AND comments > 0""")
                .execute(Tuple.of(from, period.from(), (int) length))
                .map(rows -> {
                    Map<Integer, Set<String>> periods = new HashMap<>();
                    rows.forEach(row -> periods.computeIfAbsent(row.getInteger("bucket"), bucket -> new HashSet<>())
                            .add(row.getString("term")));
                    return List.copyOf(periods.values());
                });
    }

    /**
     * @param comments comments under the post in the period, net of deletions
     */
    public record PostToneCounts(@Schema(examples = "post:-229000001_1201") String postKey,
                           @Schema(examples = "24") long comments, @Schema(examples = "15") long positive,
                           @Schema(examples = "6") long neutral, @Schema(examples = "3") long negative) {
    }

    /** The posts most commented on in the period, with their comments by tone. */
    public Uni<List<PostToneCounts>> posts(Period period, int limit) {
        return pool.preparedQuery("""
                        SELECT post_key,
                               SUM(comments) FILTER (WHERE tone = 'positive') AS positive,
                               SUM(comments) FILTER (WHERE tone = 'neutral') AS neutral,
                               SUM(comments) FILTER (WHERE tone = 'negative') AS negative,
                               SUM(comments) AS comments
                        FROM comment_tone_daily WHERE day BETWEEN $1 AND $2
                        GROUP BY post_key HAVING SUM(comments) > 0
                        ORDER BY SUM(comments) DESC, post_key LIMIT $3""")
                .execute(Tuple.of(period.from(), period.to(), limit))
                .map(rows -> {
                    List<PostToneCounts> posts = new ArrayList<>();
                    rows.forEach(row -> posts.add(new PostToneCounts(row.getString("post_key"), row.getLong("comments"),
                            orZero(row, "positive"), orZero(row, "neutral"), orZero(row, "negative"))));
                    return posts;
                });
    }

    private static long orZero(Row row, String column) {
        Long value = row.getLong(column);
        return value == null ? 0 : value;
    }

    public record KeptComment(@Schema(examples = "2026-11-20T10:15:00Z") OffsetDateTime writtenAt,
                              @Schema(examples = "Спасибо за организацию, всё было супер!") String text,
                              @Schema(examples = "positive") String tone) {
    }

    /** The texts still kept of comments under one post, newest first (no author: HR reads what was said). */
    public Uni<List<KeptComment>> keptTexts(String postKey, int limit) {
        return pool.preparedQuery("""
                        SELECT written_at, text, tone FROM comment_text WHERE post_key = $1
                        ORDER BY written_at DESC, comment_key LIMIT $2""")
                .execute(Tuple.of(postKey, limit))
                .map(rows -> {
                    List<KeptComment> comments = new ArrayList<>();
                    rows.forEach(row -> comments.add(new KeptComment(row.getOffsetDateTime("written_at"),
                            row.getString("text"), row.getString("tone"))));
                    return comments;
                });
    }
}
