package ru.vklad.analytics.persistence;

import java.time.LocalDate;
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
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.analytics.service.DepartmentStats;
import ru.vklad.analytics.service.Period;
import ru.vklad.analytics.service.PeriodSegments;
import ru.vklad.analytics.service.PostedPoints;
import ru.vklad.analytics.service.Rankings;
import ru.vklad.analytics.service.ThresholdTop;
import ru.vklad.analytics.service.WeeklyMostActive;

/** Points per member per day (with the department and the part earned from activity), applied at most once per event. */
@ApplicationScoped
public class PointsReadModel {

    private final Pool pool;
    private final PointsRollups rollups;
    private final ErasedMembers erased;

    public PointsReadModel(Pool pool, PointsRollups rollups, ErasedMembers erased) {
        this.pool = pool;
        this.rollups = rollups;
        this.erased = erased;
    }

    /** The rollups with every change committed so far, when the period reads any of them. */
    private Uni<Void> rollupsFor(PeriodSegments segments) {
        return segments.months().isEmpty() && segments.weeks().isEmpty() ? Uni.createFrom().voidItem()
                : rollups.caughtUp();
    }

    /**
     * Adds the points a batch of ledger events posted, in one transaction, each event only if it was never applied
     * before; answers how many were applied now. A member's day takes their department as the directory says when
     * the day's row is first written.
     */
    public Uni<Integer> applyPosted(List<PostedPoints> posted) {
        if (posted.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return pool.withTransaction(connection -> connection
                .preparedQuery("""
                        INSERT INTO applied_event (event_id) SELECT unnest($1::text[])
                        ON CONFLICT DO NOTHING RETURNING event_id""")
                .execute(Tuple.of(posted.stream().map(PostedPoints::eventId).toArray(String[]::new)))
                .chain(marked -> {
                    Set<String> fresh = new HashSet<>();
                    marked.forEach(row -> fresh.add(row.getString("event_id")));
                    List<PostedPoints> applied = posted.stream().filter(points -> fresh.remove(points.eventId()))
                            .toList();
                    return erased.among(connection, applied.stream().map(PostedPoints::vkUserId).toList())
                            .chain(gone -> addDays(connection, PostedPoints.byDay(applied.stream()
                                    .map(p -> new PostedPoints(p.eventId(), gone.idOf(p.vkUserId(), p.day()), p.day(),
                                            p.points(), p.activityPoints()))
                                    .toList())));
                }));
    }

    private static Uni<Integer> addDays(SqlConnection connection, List<PostedPoints.Day> days) {
        if (days.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        // The day's row keeps the department of its first write. The weekly and monthly rollups take
        // the same points under the same department when the logged change is folded in (PointsRollups).
        return connection.preparedQuery("""
                        WITH input AS (
                            SELECT * FROM unnest($1::bigint[], $2::date[], $3::bigint[], $4::bigint[],
                                                 $5::int[])
                                   AS p(vk_user_id, day, points, activity_points, entries)),
                        daily AS (
                            INSERT INTO member_points_daily (vk_user_id, day, points, activity_points,
                                                             entries, department)
                            SELECT p.vk_user_id, p.day, p.points, p.activity_points, p.entries,
                                   coalesce(d.department, e.department)
                            FROM input p LEFT JOIN member_directory d ON d.vk_user_id = p.vk_user_id
                                 LEFT JOIN erased_member e ON e.surrogate = p.vk_user_id
                            ON CONFLICT (vk_user_id, day) DO UPDATE
                            SET points = member_points_daily.points + EXCLUDED.points,
                                activity_points = member_points_daily.activity_points
                                                  + EXCLUDED.activity_points,
                                entries = member_points_daily.entries + EXCLUDED.entries
                            RETURNING vk_user_id, day, department)
                        -- What this transaction added to which member days: for the rollups' fold and
                        -- every replica's in-memory copy (DailyPointsMirror).
                        INSERT INTO points_change (members, days, points, activity_points, departments)
                        SELECT array_agg(vk_user_id), array_agg(day), array_agg(input.points),
                               array_agg(input.activity_points), array_agg(daily.department)
                        FROM daily JOIN input USING (vk_user_id, day)""")
                .execute(Tuple.of(days.stream().map(PostedPoints.Day::vkUserId).toArray(Long[]::new),
                        days.stream().map(PostedPoints.Day::day).toArray(LocalDate[]::new),
                        days.stream().map(PostedPoints.Day::points).toArray(Long[]::new),
                        days.stream().map(PostedPoints.Day::activityPoints).toArray(Long[]::new),
                        days.stream().map(PostedPoints.Day::entries).toArray(Integer[]::new)))
                .replaceWith(days.stream().mapToInt(PostedPoints.Day::entries).sum());
    }

    /** One member's points per day of the period, days without points left out. */
    public Uni<List<DailyPoints>> memberDays(long vkUserId, Period period) {
        return pool.preparedQuery("""
                        SELECT day, points, activity_points, entries FROM member_points_daily
                        WHERE vk_user_id = $1 AND day BETWEEN $2 AND $3 ORDER BY day""")
                .execute(Tuple.of(vkUserId, period.from(), period.to()))
                .map(rows -> {
                    List<DailyPoints> days = new ArrayList<>();
                    for (Row row : rows) {
                        days.add(new DailyPoints(row.getLocalDate("day"), row.getLong("points"),
                                row.getLong("activity_points"), row.getInteger("entries")));
                    }
                    return days;
                });
    }

    /** @param activityPoints the part of {@code points} earned from VK activity, the rest by manual awards */
    public record DailyPoints(@Schema(examples = "2026-11-23") LocalDate day, @Schema(examples = "120") long points,
                              @Schema(examples = "20") long activityPoints, @Schema(examples = "4") int entries) {
    }

    /**
     * Points per member in a period from the fewest rows: the monthly and weekly rollups for whole months and
     * weeks, the daily rows for the days left ({@link PeriodSegments}); $1 months, $2 weeks, $3 days, and within a
     * department (as when the points were posted) $4.
     */
    private static String scores(boolean inDepartment) {
        String rollup = inDepartment ? "department_points_" : "member_points_";
        String only = inDepartment ? " AND department = $4" : "";
        return """
                SELECT vk_user_id, SUM(points) AS points FROM (
                    SELECT vk_user_id, points FROM %1$smonthly WHERE month = ANY($1::date[])%2$s
                    UNION ALL
                    SELECT vk_user_id, points FROM %1$sweekly WHERE week = ANY($2::date[])%2$s
                    UNION ALL
                    SELECT vk_user_id, points FROM member_points_daily WHERE day = ANY($3::date[])%2$s
                ) s
                WHERE vk_user_id > 0
                GROUP BY vk_user_id
                """.formatted(rollup, only);
    }

    /** A whole week or month alone, overall: read in points order off the rollup's index. */
    private record SingleBucket(String table, String column, LocalDate start) {

        static Optional<SingleBucket> of(PeriodSegments segments, String department) {
            if (department != null || !segments.days().isEmpty()
                    || segments.months().size() + segments.weeks().size() != 1) {
                return Optional.empty();
            }
            return Optional.of(segments.months().isEmpty()
                    ? new SingleBucket("member_points_weekly", "week", segments.weeks().get(0))
                    : new SingleBucket("member_points_monthly", "month", segments.months().get(0)));
        }
    }

    private static List<Object> parameters(PeriodSegments segments, String department, Object last) {
        List<Object> parameters = new ArrayList<>(Arrays.asList(segments.months().toArray(LocalDate[]::new),
                segments.weeks().toArray(LocalDate[]::new), segments.days().toArray(LocalDate[]::new)));
        if (department != null) {
            parameters.add(department);
        }
        parameters.add(last);
        return parameters;
    }

    /**
     * The top of the period, overall or within a department (department as when the points were posted);
     * erased members are not ranked. Overall, a whole week or month is read off its rollup's index, any other
     * range from the top of each of its months, weeks and days ({@link ThresholdTop}).
     */
    public Uni<List<Rankings.Score>> topScores(Period period, String department, int limit) {
        PeriodSegments segments = PeriodSegments.of(period);
        return rollupsFor(segments).chain(() -> topScores(segments, department, limit));
    }

    private Uni<List<Rankings.Score>> topScores(PeriodSegments segments, String department, int limit) {
        Optional<SingleBucket> single = SingleBucket.of(segments, department);
        if (single.isEmpty() && department == null) {
            return pool.withTransaction(connection -> connection
                    // Every round reads the same snapshot, so totals and list orders agree with each other.
                    .query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute()
                    .chain(() -> thresholdRounds(connection, segments, new ThresholdTop(segments.count(), limit))));
        }
        Uni<RowSet<Row>> rows = single.isPresent()
                ? pool.preparedQuery("SELECT vk_user_id, points FROM " + single.get().table() + " WHERE "
                        + single.get().column() + " = $1 AND vk_user_id > 0 ORDER BY points DESC, vk_user_id LIMIT $2")
                        .execute(Tuple.of(single.get().start(), limit))
                : pool.preparedQuery(scores(true) + " ORDER BY points DESC, vk_user_id ASC LIMIT $5")
                        .execute(Tuple.from(parameters(segments, department, limit)));
        return rows.map(found -> {
            List<Rankings.Score> scores = new ArrayList<>();
            for (Row row : found) {
                scores.add(new Rankings.Score(row.getLong("vk_user_id"), row.getLong("points")));
            }
            return scores;
        });
    }

    /**
     * Rows from the top of each list a round asks for ($1-$4 months, $5-$8 weeks, $9-$12 days: the piece, the
     * list's number, rows to skip, rows to take), each with its member's total over the whole period.
     */
    private static final String THRESHOLD_ROUND = """
            WITH fetched AS (%s
                UNION ALL %s
                UNION ALL %s),
            seen AS (SELECT DISTINCT vk_user_id FROM fetched),
            totals AS (
                SELECT vk_user_id, SUM(points) AS total FROM (%s
                    UNION ALL %s
                    UNION ALL %s) t
                GROUP BY vk_user_id)
            SELECT f.list, f.vk_user_id, f.points, t.total
            FROM fetched f JOIN totals t USING (vk_user_id)
            ORDER BY f.list, f.points DESC, f.vk_user_id""".formatted(
            topRows("member_points_monthly", "month", 1), topRows("member_points_weekly", "week", 5),
            topRows("member_points_daily", "day", 9), seenRows("member_points_monthly", "month", 13),
            seenRows("member_points_weekly", "week", 14), seenRows("member_points_daily", "day", 15));

    /** Rows from the top of the pieces of one table: the piece, the list's number, rows to skip, rows to take. */
    private static String topRows(String table, String column, int firstParameter) {
        return """
                SELECT s.list, r.vk_user_id, r.points
                FROM unnest($%2$d::date[], $%3$d::int[], $%4$d::int[], $%5$d::int[]) AS s(piece, list, skip, take)
                CROSS JOIN LATERAL (SELECT vk_user_id, points FROM %1$s WHERE %6$s = s.piece AND vk_user_id > 0
                                    ORDER BY points DESC, vk_user_id OFFSET s.skip LIMIT s.take) r""".formatted(table,
                firstParameter, firstParameter + 1, firstParameter + 2, firstParameter + 3, column);
    }

    /** The rows of the members seen in all the period's pieces of one table. */
    private static String seenRows(String table, String column, int parameter) {
        return """
                SELECT vk_user_id, points FROM %s
                WHERE %s = ANY($%d::date[]) AND vk_user_id IN (SELECT vk_user_id FROM seen)""".formatted(table,
                column, parameter);
    }

    private Uni<List<Rankings.Score>> thresholdRounds(SqlConnection connection, PeriodSegments segments,
                                                      ThresholdTop top) {
        List<ThresholdTop.Read> reads = top.nextReads();
        if (reads.isEmpty()) {
            return Uni.createFrom().item(top.top());
        }
        List<Object> parameters = new ArrayList<>();
        int first = 0;
        for (List<LocalDate> pieces : segments.lists()) {
            int from = first;
            List<ThresholdTop.Read> ofKind = reads.stream()
                    .filter(read -> read.list() >= from && read.list() < from + pieces.size()).toList();
            parameters.add(ofKind.stream().map(read -> pieces.get(read.list() - from)).toArray(LocalDate[]::new));
            parameters.add(ofKind.stream().map(ThresholdTop.Read::list).toArray(Integer[]::new));
            parameters.add(ofKind.stream().map(ThresholdTop.Read::offset).toArray(Integer[]::new));
            parameters.add(ofKind.stream().map(ThresholdTop.Read::count).toArray(Integer[]::new));
            first += pieces.size();
        }
        segments.lists().forEach(pieces -> parameters.add(pieces.toArray(LocalDate[]::new)));
        return connection.preparedQuery(THRESHOLD_ROUND).execute(Tuple.from(parameters)).chain(rows -> {
            List<ThresholdTop.Row> read = new ArrayList<>();
            for (Row row : rows) {
                read.add(new ThresholdTop.Row(row.getInteger("list"), row.getLong("vk_user_id"),
                        row.getLong("points"), row.getLong("total")));
            }
            top.accept(reads, read);
            return thresholdRounds(connection, segments, top);
        });
    }

    /**
     * One member's place in the period (1 = most points; equal points share a place, as in the leaderboard), the
     * number of members ranked, and the member's points; empty when the member has no points in the period.
     */
    public Uni<Optional<Rankings.Place>> place(long vkUserId, Period period, String department) {
        PeriodSegments segments = PeriodSegments.of(period);
        return rollupsFor(segments).chain(() -> place(vkUserId, segments, department));
    }

    private Uni<Optional<Rankings.Place>> place(long vkUserId, PeriodSegments segments, String department) {
        Optional<SingleBucket> single = SingleBucket.of(segments, department);
        Uni<RowSet<Row>> rows;
        if (single.isPresent()) {
            String table = single.get().table();
            String column = single.get().column();
            rows = pool.preparedQuery("SELECT mine.points, (SELECT count(*) FROM " + table + " WHERE " + column
                            + " = $1 AND vk_user_id > 0 AND points > mine.points) + 1 AS place, (SELECT count(*) FROM "
                            + table + " WHERE " + column + " = $1 AND vk_user_id > 0) AS ranked FROM " + table
                            + " mine WHERE mine." + column + " = $1 AND mine.vk_user_id = $2")
                    .execute(Tuple.of(single.get().start(), vkUserId));
        } else {
            rows = pool.preparedQuery("WITH scores AS (" + scores(department != null) + """
                            )
                            SELECT mine.points,
                                   (SELECT count(*) FROM scores WHERE scores.points > mine.points) + 1 AS place,
                                   (SELECT count(*) FROM scores) AS ranked
                            FROM scores mine WHERE mine.vk_user_id = $""" + (department == null ? 4 : 5))
                    .execute(Tuple.from(parameters(segments, department, vkUserId)));
        }
        return rows.map(found -> found.size() == 0 ? Optional.<Rankings.Place>empty()
                : Optional.of(found.iterator().next()).map(row -> new Rankings.Place(vkUserId,
                        row.getLong("place").intValue(), row.getLong("ranked").intValue(), row.getLong("points"))));
    }

    /** Every member's week for the weekly award: points from activity, days with points, consent now. */
    public Uni<List<WeeklyMostActive.Candidate>> weekCandidates(Period week) {
        return pool.preparedQuery("""
                        SELECT p.vk_user_id, SUM(p.activity_points) AS activity_points,
                               count(*) FILTER (WHERE p.points > 0) AS active_days,
                               coalesce(bool_and(d.consent_given), false) AS consenting
                        FROM member_points_daily p LEFT JOIN member_directory d ON d.vk_user_id = p.vk_user_id
                        WHERE p.day BETWEEN $1 AND $2 AND p.vk_user_id > 0
                        GROUP BY p.vk_user_id""")
                .execute(Tuple.of(week.from(), week.to()))
                .map(rows -> {
                    List<WeeklyMostActive.Candidate> candidates = new ArrayList<>();
                    for (Row row : rows) {
                        candidates.add(new WeeklyMostActive.Candidate(
                                row.getLong("vk_user_id"), row.getLong("activity_points"),
                                row.getLong("active_days").intValue(), row.getBoolean("consenting")));
                    }
                    return candidates;
                });
    }

    /**
     * Per department in the period: members in the directory now, members with points (department as when the
     * points were posted, erased members included), points and points from activity. Members of no known
     * department are one row with a null department.
     */
    public Uni<List<DepartmentStats>> departments(Period period) {
        return pool.preparedQuery("""
                        WITH active AS (
                            SELECT department, SUM(points) AS points, SUM(activity_points) AS activity_points
                            FROM member_points_daily WHERE day BETWEEN $1 AND $2 GROUP BY department),
                        -- Active among the members now, so participation stays a share of them after a member
                        -- leaves, moves or is erased (their points stay where they were posted).
                        members AS (
                            SELECT department, count(*) AS members,
                                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM member_points_daily p
                                       WHERE p.vk_user_id = d.vk_user_id AND p.day BETWEEN $1 AND $2
                                             AND p.points > 0)) AS active_members
                            FROM member_directory d GROUP BY department)
                        SELECT coalesce(a.department, m.department) AS department, coalesce(m.members, 0) AS members,
                               coalesce(m.active_members, 0) AS active_members, coalesce(a.points, 0) AS points,
                               coalesce(a.activity_points, 0) AS activity_points
                        -- A FULL JOIN needs an equality: no department (null) meets no department as ''.
                        FROM active a FULL JOIN members m ON coalesce(a.department, '') = coalesce(m.department, '')
                        ORDER BY coalesce(a.department, m.department) NULLS LAST""")
                .execute(Tuple.of(period.from(), period.to()))
                .map(rows -> {
                    List<DepartmentStats> stats = new ArrayList<>();
                    for (Row row : rows) {
                        stats.add(DepartmentStats.of(row.getString("department"),
                                row.getLong("members"), row.getLong("active_members"), row.getLong("points"),
                                row.getLong("activity_points")));
                    }
                    return stats;
                });
    }
}
