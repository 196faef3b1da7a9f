package ru.vklad.activity.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.activity.service.PollHistories;
import ru.vklad.activity.service.PollHistories.MemberKey;

/**
 * Reads what the caps and the anti-abuse checks need about a poll's members, in one statement per table sent at
 * once, and writes what the poll added the same way ({@link PollHistories}). Rows are written in key order, so two
 * polls writing one member's rows cannot deadlock.
 */
@ApplicationScoped
public class MemberHistoryRepository {

    /** How long the burst and cycling logs keep a row, at least: their windows are seconds to minutes. */
    private static final Duration KEPT = Duration.ofDays(2);

    /**
     * Loads into {@code histories} the members' usage from its {@link PollHistories#since()} on, their first awards,
     * burst and cycling logs from its {@link PollHistories#logsSince()}, their quick likes and the liked posts with
     * their authors' posts from its {@link PollHistories#fanSince()}.
     */
    public Uni<PollHistories> load(SqlConnection connection, PollHistories histories, Collection<MemberKey> members,
                                   Collection<ContentAuthors.Content> liked) {
        Long[] communities = members.stream().map(MemberKey::communityId).toArray(Long[]::new);
        Long[] vkIds = members.stream().map(MemberKey::memberVkId).toArray(Long[]::new);
        OffsetDateTime logsSince = histories.logsSince().atOffset(ZoneOffset.UTC);
        OffsetDateTime fanSince = histories.fanSince().atOffset(ZoneOffset.UTC);
        Uni<List<PollHistories.Usage>> usage = select(connection, """
                        SELECT u.community_id, u.member_vk_id, u.rule_id, u.day, u.awards, u.last_award_at
                        FROM member_rule_usage u JOIN unnest($1::bigint[], $2::bigint[]) AS m(c, v)
                          ON u.community_id = m.c AND u.member_vk_id = m.v
                        WHERE u.day >= $3""", Tuple.of(communities, vkIds, histories.firstDay()),
                row -> new PollHistories.Usage(member(row), row.getString(2), row.getLocalDate(3), row.getInteger(4),
                        instant(row, 5)));
        Uni<List<PollHistories.Award>> awards = select(connection, """
                        SELECT l.community_id, l.member_vk_id, l.awarded_at
                        FROM member_award_log l JOIN unnest($1::bigint[], $2::bigint[]) AS m(c, v)
                          ON l.community_id = m.c AND l.member_vk_id = m.v
                        WHERE l.awarded_at > $3""", Tuple.of(communities, vkIds, logsSince),
                row -> new PollHistories.Award(member(row), instant(row, 2)));
        Uni<List<PollHistories.Takeback>> takebacks = select(connection, """
                        SELECT l.community_id, l.member_vk_id, l.event_id, l.taken_back_at
                        FROM member_takeback_log l JOIN unnest($1::bigint[], $2::bigint[]) AS m(c, v)
                          ON l.community_id = m.c AND l.member_vk_id = m.v
                        WHERE l.taken_back_at > $3""", Tuple.of(communities, vkIds, logsSince),
                row -> new PollHistories.Takeback(member(row), row.getString(2), instant(row, 3)));
        Uni<List<Map.Entry<MemberKey, Instant>>> firsts = select(connection, """
                        SELECT f.community_id, f.member_vk_id, f.first_award_at
                        FROM member_first_award f JOIN unnest($1::bigint[], $2::bigint[]) AS m(c, v)
                          ON f.community_id = m.c AND f.member_vk_id = m.v""", Tuple.of(communities, vkIds),
                row -> Map.entry(member(row), instant(row, 2)));
        Uni<List<PollHistories.QuickLike>> quickLikes = select(connection, """
                        SELECT q.community_id, q.member_vk_id, q.author_vk_id, q.object_key, q.liked_at
                        FROM member_quick_like q JOIN unnest($1::bigint[], $2::bigint[]) AS m(c, v)
                          ON q.community_id = m.c AND q.member_vk_id = m.v
                        WHERE q.liked_at > $3""", Tuple.of(communities, vkIds, fanSince),
                row -> new PollHistories.QuickLike(member(row), row.getLong(2), row.getString(3), instant(row, 4)));
        Uni<List<PollHistories.Post>> posts = select(connection, """
                        WITH liked AS (
                            SELECT c.community_id, c.object_key, c.author_vk_id, c.published_at
                            FROM content_author c JOIN unnest($1::bigint[], $2::text[]) AS o(c, k)
                              ON c.community_id = o.c AND c.object_key = o.k)
                        SELECT community_id, object_key, author_vk_id, published_at FROM liked
                        UNION
                        SELECT p.community_id, p.object_key, p.author_vk_id, p.published_at
                        FROM content_author p
                        JOIN (SELECT DISTINCT community_id, author_vk_id FROM liked) a
                          ON p.community_id = a.community_id AND p.author_vk_id = a.author_vk_id
                        WHERE p.published_at > $3""",
                Tuple.of(liked.stream().map(ContentAuthors.Content::communityId).toArray(Long[]::new),
                        liked.stream().map(ContentAuthors.Content::objectKey).toArray(String[]::new), fanSince),
                row -> new PollHistories.Post(row.getLong(0), row.getString(1), row.getLong(2), instant(row, 3)));
        return Uni.combine().all().unis(usage, awards, takebacks, firsts, quickLikes, posts)
                .with((u, a, t, f, q, p) -> {
                    Map<MemberKey, Instant> firstAwards = new HashMap<>();
                    f.forEach(entry -> firstAwards.put(entry.getKey(), entry.getValue()));
                    histories.load(u, a, t, firstAwards, q, p);
                    return histories;
                });
    }

    /** Writes what the poll counted: usage, first awards, the burst, cycling and quick-like logs (trimmed). */
    public Uni<Void> write(SqlConnection connection, PollHistories histories) {
        List<Uni<RowSet<Row>>> writes = new ArrayList<>();
        List<PollHistories.Usage> usage = histories.addedUsage();
        if (!usage.isEmpty()) {
            writes.add(connection.preparedQuery("""
                            INSERT INTO member_rule_usage (community_id, member_vk_id, rule_id, day, awards,
                                                           last_award_at)
                            SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::date[], $5::int[],
                                                 $6::timestamptz[])
                            ON CONFLICT (community_id, member_vk_id, rule_id, day) DO UPDATE
                            SET awards = member_rule_usage.awards + EXCLUDED.awards,
                                last_award_at = greatest(member_rule_usage.last_award_at, EXCLUDED.last_award_at)""")
                    .execute(Tuple.from(List.of(
                            usage.stream().map(u -> u.member().communityId()).toArray(Long[]::new),
                            usage.stream().map(u -> u.member().memberVkId()).toArray(Long[]::new),
                            usage.stream().map(PollHistories.Usage::ruleId).toArray(String[]::new),
                            usage.stream().map(PollHistories.Usage::day).toArray(LocalDate[]::new),
                            usage.stream().map(PollHistories.Usage::awards).toArray(Integer[]::new),
                            usage.stream().map(u -> offset(u.lastAwardAt())).toArray(OffsetDateTime[]::new)))));
        }
        Map<MemberKey, Instant> firsts = histories.changedFirstAwards();
        if (!firsts.isEmpty()) {
            writes.add(connection.preparedQuery("""
                            INSERT INTO member_first_award (community_id, member_vk_id, first_award_at)
                            SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::timestamptz[])
                            ON CONFLICT (community_id, member_vk_id) DO UPDATE
                            SET first_award_at = least(member_first_award.first_award_at, EXCLUDED.first_award_at)""")
                    .execute(Tuple.of(firsts.keySet().stream().map(MemberKey::communityId).toArray(Long[]::new),
                            firsts.keySet().stream().map(MemberKey::memberVkId).toArray(Long[]::new),
                            firsts.values().stream().map(MemberHistoryRepository::offset)
                                    .toArray(OffsetDateTime[]::new))));
        }
        List<PollHistories.Award> awards = histories.addedAwards();
        if (!awards.isEmpty()) {
            Map<MemberKey, Instant> trimBefore = latest(awards, PollHistories.Award::member,
                    PollHistories.Award::awardedAt, KEPT);
            writes.add(connection.preparedQuery("""
                            WITH logged AS (
                                INSERT INTO member_award_log (community_id, member_vk_id, awarded_at)
                                SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::timestamptz[]))
                            DELETE FROM member_award_log l USING unnest($4::bigint[], $5::bigint[], $6::timestamptz[])
                                AS t(c, v, before)
                            WHERE l.community_id = t.c AND l.member_vk_id = t.v AND l.awarded_at < t.before""")
                    .execute(Tuple.from(trimmed(List.of(
                            awards.stream().map(a -> a.member().communityId()).toArray(Long[]::new),
                            awards.stream().map(a -> a.member().memberVkId()).toArray(Long[]::new),
                            awards.stream().map(a -> offset(a.awardedAt())).toArray(OffsetDateTime[]::new)),
                            trimBefore))));
        }
        List<PollHistories.Takeback> takebacks = histories.addedTakebacks();
        if (!takebacks.isEmpty()) {
            Map<MemberKey, Instant> trimBefore = latest(takebacks, PollHistories.Takeback::member,
                    PollHistories.Takeback::takenBackAt, max(KEPT, histories.cyclingWindow()));
            writes.add(connection.preparedQuery("""
                            WITH logged AS (
                                INSERT INTO member_takeback_log (community_id, event_id, member_vk_id, taken_back_at)
                                SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::timestamptz[])
                                ON CONFLICT DO NOTHING)
                            DELETE FROM member_takeback_log l
                            USING unnest($5::bigint[], $6::bigint[], $7::timestamptz[]) AS t(c, v, before)
                            WHERE l.community_id = t.c AND l.member_vk_id = t.v AND l.taken_back_at < t.before""")
                    .execute(Tuple.from(trimmed(List.of(
                            takebacks.stream().map(t -> t.member().communityId()).toArray(Long[]::new),
                            takebacks.stream().map(PollHistories.Takeback::eventId).toArray(String[]::new),
                            takebacks.stream().map(t -> t.member().memberVkId()).toArray(Long[]::new),
                            takebacks.stream().map(t -> offset(t.takenBackAt())).toArray(OffsetDateTime[]::new)),
                            trimBefore))));
        }
        List<PollHistories.QuickLike> quickLikes = histories.addedQuickLikes();
        if (!quickLikes.isEmpty()) {
            Map<MemberKey, Instant> trimBefore = latest(quickLikes, PollHistories.QuickLike::member,
                    PollHistories.QuickLike::likedAt, histories.fanPeriod());
            writes.add(connection.preparedQuery("""
                            WITH noted AS (
                                INSERT INTO member_quick_like (community_id, member_vk_id, author_vk_id, object_key,
                                                               liked_at)
                                SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[],
                                                     $5::timestamptz[])
                                ON CONFLICT DO NOTHING)
                            DELETE FROM member_quick_like q USING unnest($6::bigint[], $7::bigint[], $8::timestamptz[])
                                AS t(c, v, before)
                            WHERE q.community_id = t.c AND q.member_vk_id = t.v AND q.liked_at < t.before""")
                    .execute(Tuple.from(trimmed(List.of(
                            quickLikes.stream().map(q -> q.member().communityId()).toArray(Long[]::new),
                            quickLikes.stream().map(q -> q.member().memberVkId()).toArray(Long[]::new),
                            quickLikes.stream().map(PollHistories.QuickLike::authorVkId).toArray(Long[]::new),
                            quickLikes.stream().map(PollHistories.QuickLike::objectKey).toArray(String[]::new),
                            quickLikes.stream().map(q -> offset(q.likedAt())).toArray(OffsetDateTime[]::new)),
                            trimBefore))));
        }
        if (writes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(writes).andFailFast().replaceWithVoid();
    }

    /** The rows' parameters followed by the trim's: per member (key order), the time before which rows go. */
    private static List<Object> trimmed(List<Object> rows, Map<MemberKey, Instant> before) {
        List<Object> parameters = new ArrayList<>(rows);
        parameters.add(before.keySet().stream().map(MemberKey::communityId).toArray(Long[]::new));
        parameters.add(before.keySet().stream().map(MemberKey::memberVkId).toArray(Long[]::new));
        parameters.add(before.values().stream().map(MemberHistoryRepository::offset).toArray(OffsetDateTime[]::new));
        return parameters;
    }

    /** Per member, in key order: the latest of their rows' times less {@code kept}, before which rows go. */
    private static <T> Map<MemberKey, Instant> latest(List<T> rows, Function<T, MemberKey> member,
                                                      Function<T, Instant> at, Duration kept) {
        Map<MemberKey, Instant> latest = new TreeMap<>();
        rows.forEach(row -> latest.merge(member.apply(row), at.apply(row).minus(kept),
                (a, b) -> a.isAfter(b) ? a : b));
        return latest;
    }

    private static <T> Uni<List<T>> select(SqlConnection connection, String sql, Tuple parameters,
                                           Function<Row, T> map) {
        return connection.preparedQuery(sql).execute(parameters).map(rows -> rows(rows, map));
    }

    private static <T> List<T> rows(RowSet<Row> rows, Function<Row, T> map) {
        List<T> list = new ArrayList<>(rows.size());
        rows.forEach(row -> list.add(map.apply(row)));
        return list;
    }

    private static MemberKey member(Row row) {
        return new MemberKey(row.getLong(0), row.getLong(1));
    }

    private static Instant instant(Row row, int column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
