package ru.vklad.analytics.persistence;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.analytics.config.AnalyticsConfig;
import ru.vklad.analytics.service.ActivityBatch;
import ru.vklad.analytics.service.CommentChange;
import ru.vklad.analytics.service.CommentTone;
import ru.vklad.analytics.service.KeyTopics;
import ru.vklad.analytics.service.Period;

/**
 * Comment tone and terms per post and day, and the comment texts kept for a while (only of members the directory
 * says consented, only as long as {@code vklad.analytics.comments.keep-text}).
 */
@ApplicationScoped
public class CommentReadModel {

    /** Words of a comment's terms joined into one array element (PostgreSQL arrays of arrays must be square). */
    private static final String SEPARATOR = "\u001f";

    private final Pool pool;
    private final AnalyticsConfig config;
    private final Clock clock;

    public CommentReadModel(Pool pool, AnalyticsConfig config) {
        this.pool = pool;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /**
     * Applies one round of comment changes (each comment once) inside the caller's transaction: what was counted
     * for comments whose text is still kept is taken back, then written comments, and edits of comments that were
     * counted, are counted anew.
     */
    Uni<Void> applyRound(SqlConnection connection, List<ActivityBatch.CommentItem> round) {
        return takeBack(connection, round.stream().map(item -> item.change().commentKey()).toArray(String[]::new))
                .chain(counted -> count(connection, round.stream()
                        .filter(item -> item.change().kind() == CommentChange.Kind.WRITTEN
                                || (item.change().kind() == CommentChange.Kind.EDITED
                                    && counted.contains(item.change().commentKey())))
                        .toList()));
    }

    /** Takes back what was counted for the comments whose text is still kept; answers which they were. */
    private static Uni<Set<String>> takeBack(SqlConnection connection, String[] commentKeys) {
        return connection.preparedQuery("""
                        WITH old AS (DELETE FROM comment_text WHERE comment_key = ANY($1) RETURNING *),
                        tone AS (
                            UPDATE comment_tone_daily t SET comments = t.comments - o.n,
                                                            substantive = t.substantive - o.s
                            FROM (SELECT day, post_key, tone, count(*)::int AS n,
                                         (count(*) FILTER (WHERE substantive))::int AS s
                                  FROM old GROUP BY 1, 2, 3) o
                            WHERE t.day = o.day AND t.post_key = o.post_key AND t.tone = o.tone),
                        terms AS (
                            UPDATE comment_term_daily t SET comments = t.comments - o.n
                            FROM (SELECT day, post_key, used.stem, count(*)::int AS n
                                  FROM old, unnest(old.terms) AS used(stem) GROUP BY 1, 2, 3) o
                            WHERE t.day = o.day AND t.post_key = o.post_key AND t.term = o.stem)
                        SELECT comment_key FROM old""")
                .execute(Tuple.of(commentKeys))
                .map(rows -> {
                    Set<String> counted = new HashSet<>();
                    rows.forEach(row -> counted.add(row.getString("comment_key")));
                    return counted;
                });
    }

    private record ToneKey(LocalDate day, String postKey, String tone) {
    }

    /** Comments counted under one tone key, and how many of them are substantive. */
    private record ToneCount(int comments, int substantive) {

        static ToneCount of(CommentChange change) {
            return new ToneCount(1, change.substantive() ? 1 : 0);
        }

        ToneCount plus(ToneCount other) {
            return new ToneCount(comments + other.comments, substantive + other.substantive);
        }
    }

    private record TermKey(LocalDate day, String postKey, String term) {
    }

    private Uni<Void> count(SqlConnection connection, List<ActivityBatch.CommentItem> written) {
        if (written.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // Tone and term rows are shared with the consumers of other partitions: written in key order, they are locked
        // in the same order by every transaction.
        Map<ToneKey, ToneCount> tones = new TreeMap<>(Comparator.comparing(ToneKey::day)
                .thenComparing(ToneKey::postKey).thenComparing(ToneKey::tone));
        Map<TermKey, Integer> terms = new TreeMap<>(Comparator.comparing(TermKey::day)
                .thenComparing(TermKey::postKey).thenComparing(TermKey::term));
        Map<TermKey, String> words = new HashMap<>();
        for (ActivityBatch.CommentItem item : written) {
            CommentChange change = item.change();
            tones.merge(new ToneKey(item.day(), change.postKey(), change.analysis().tone().label()),
                    ToneCount.of(change), ToneCount::plus);
            change.analysis().terms().forEach((term, word) -> {
                TermKey key = new TermKey(item.day(), change.postKey(), term);
                terms.merge(key, 1, Integer::sum);
                words.putIfAbsent(key, word);
            });
        }
        return keepTexts(connection, written)
                .chain(() -> connection.preparedQuery("""
                                INSERT INTO comment_tone_daily (day, post_key, tone, comments, substantive)
                                SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::int[], $5::int[])
                                ON CONFLICT (day, post_key, tone)
                                DO UPDATE SET comments = comment_tone_daily.comments + EXCLUDED.comments,
                                              substantive = comment_tone_daily.substantive + EXCLUDED.substantive""")
                        .execute(Tuple.of(tones.keySet().stream().map(ToneKey::day).toArray(LocalDate[]::new),
                                tones.keySet().stream().map(ToneKey::postKey).toArray(String[]::new),
                                tones.keySet().stream().map(ToneKey::tone).toArray(String[]::new),
                                tones.values().stream().map(ToneCount::comments).toArray(Integer[]::new),
                                tones.values().stream().map(ToneCount::substantive).toArray(Integer[]::new))))
                .chain(() -> terms.isEmpty() ? Uni.createFrom().voidItem() : connection.preparedQuery("""
                                INSERT INTO comment_term_daily (day, post_key, term, word, comments)
                                SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::int[])
                                ON CONFLICT (day, post_key, term)
                                DO UPDATE SET comments = comment_term_daily.comments + EXCLUDED.comments""")
                        .execute(Tuple.tuple(List.of(terms.keySet().stream().map(TermKey::day).toArray(LocalDate[]::new),
                                terms.keySet().stream().map(TermKey::postKey).toArray(String[]::new),
                                terms.keySet().stream().map(TermKey::term).toArray(String[]::new),
                                terms.keySet().stream().map(words::get).toArray(String[]::new),
                                terms.values().toArray(Integer[]::new))))
                        .replaceWithVoid());
    }

    /** Texts are kept while their time lasts, and only of members the directory says consented. */
    private Uni<Void> keepTexts(SqlConnection connection, List<ActivityBatch.CommentItem> written) {
        Instant keepSince = clock.instant().minus(config.comments().keepText());
        List<ActivityBatch.CommentItem> kept = written.stream()
                .filter(item -> item.change().writtenAt().isAfter(keepSince)).toList();
        if (kept.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                        INSERT INTO comment_text (comment_key, vk_user_id, post_key, day, written_at, text, tone,
                                                  terms, words, substantive)
                        SELECT c.comment_key, c.vk_user_id, c.post_key, c.day, c.written_at, c.text, c.tone,
                               string_to_array(c.terms, E'\\x1f'), string_to_array(c.words, E'\\x1f'), c.substantive
                        FROM unnest($1::text[], $2::bigint[], $3::text[], $4::date[], $5::timestamptz[], $6::text[],
                                    $7::text[], $8::text[], $9::text[], $10::boolean[])
                             AS c(comment_key, vk_user_id, post_key, day, written_at, text, tone, terms, words,
                                  substantive)
                        WHERE EXISTS (SELECT 1 FROM member_directory d
                                      WHERE d.vk_user_id = c.vk_user_id AND d.consent_given)""")
                .execute(Tuple.tuple(List.of(
                        kept.stream().map(item -> item.change().commentKey()).toArray(String[]::new),
                        kept.stream().map(ActivityBatch.CommentItem::vkUserId).toArray(Long[]::new),
                        kept.stream().map(item -> item.change().postKey()).toArray(String[]::new),
                        kept.stream().map(ActivityBatch.CommentItem::day).toArray(LocalDate[]::new),
                        kept.stream().map(item -> item.change().writtenAt().atOffset(ZoneOffset.UTC))
                                .toArray(OffsetDateTime[]::new),
                        kept.stream().map(item -> item.change().text()).toArray(String[]::new),
                        kept.stream().map(item -> item.change().analysis().tone().label()).toArray(String[]::new),
                        kept.stream().map(item -> String.join(SEPARATOR, item.change().analysis().terms().keySet()))
                                .toArray(String[]::new),
                        kept.stream().map(item -> String.join(SEPARATOR, item.change().analysis().terms().values()))
                                .toArray(String[]::new),
                        kept.stream().map(item -> item.change().substantive()).toArray(Boolean[]::new))))
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
     * @param comments    comments with text under the post in the period, net of deletions
     * @param substantive of those, the ones that pass the earning rules' substantive-comment test
     */
    public record PostToneCounts(@Schema(examples = "post:-229000001_1201") String postKey,
                           @Schema(examples = "24") long comments, @Schema(examples = "15") long positive,
                           @Schema(examples = "6") long neutral, @Schema(examples = "3") long negative,
                           @Schema(examples = "17") long substantive) {
    }

    /** The posts most commented on in the period, with their comments by tone. */
    public Uni<List<PostToneCounts>> posts(Period period, int limit) {
        return pool.preparedQuery("""
                        SELECT post_key,
                               SUM(comments) FILTER (WHERE tone = 'positive') AS positive,
                               SUM(comments) FILTER (WHERE tone = 'neutral') AS neutral,
                               SUM(comments) FILTER (WHERE tone = 'negative') AS negative,
                               SUM(comments) AS comments, SUM(substantive) AS substantive
                        FROM comment_tone_daily WHERE day BETWEEN $1 AND $2
                        GROUP BY post_key HAVING SUM(comments) > 0
                        ORDER BY SUM(comments) DESC, post_key LIMIT $3""")
                .execute(Tuple.of(period.from(), period.to(), limit))
                .map(rows -> {
                    List<PostToneCounts> posts = new ArrayList<>();
                    rows.forEach(row -> posts.add(new PostToneCounts(row.getString("post_key"), row.getLong("comments"),
                            orZero(row, "positive"), orZero(row, "neutral"), orZero(row, "negative"),
                            row.getLong("substantive"))));
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
