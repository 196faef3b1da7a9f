package ru.vklad.analytics.persistence;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.analytics.config.AnalyticsConfig;
import ru.vklad.analytics.service.DailyPointsIndex;
import ru.vklad.analytics.service.Period;
import ru.vklad.analytics.service.SharedRun;

/**
 * This replica's in-memory copy of {@code member_points_daily} for the recent days ({@link DailyPointsIndex}), kept
 * exact: every transaction that changes daily rows logs which member days it changed ({@code points_change}), and
 * the copy re-reads the rows of the transactions its last snapshot did not see. A ranking first asks whether any
 * such transaction committed and, if so, waits for the copy to catch up, so it answers as the tables would at that
 * moment.
 */
@ApplicationScoped
public class DailyPointsMirror {

    private static final Logger LOG = Logger.getLogger(DailyPointsMirror.class);

    /** Rows of the copy's days, in day order, so a day is merged from few chunks. */
    private static final String LOAD = """
            SELECT vk_user_id, day, points, department FROM member_points_daily WHERE day >= $1 ORDER BY day""";

    /** The changes committed since a snapshot: their transactions are not visible in it. */
    private static final String CHANGES_SINCE = "SELECT members, days, reload FROM points_change WHERE "
            + ChangeLog.unseenBy("txid", "$1::text::pg_snapshot");

    private static final String ROWS_OF_CHANGES = """
            SELECT d.vk_user_id, d.day, d.points, d.department
            FROM unnest($1::bigint[], $2::date[]) AS c(vk_user_id, day)
            JOIN member_points_daily d USING (vk_user_id, day)""";

    private static final int LOAD_CHUNK = 20_000;

    /** The copy, the snapshot it is exact for, and when (System.nanoTime) that snapshot was taken. */
    private record State(DailyPointsIndex index, String snapshot, long takenAt) {
    }

    private final Pool pool;
    private final AnalyticsConfig config;
    private volatile State state;

    private final SharedRun<State> refresh = new SharedRun<>(this::refreshOnce);

    public DailyPointsMirror(Pool pool, AnalyticsConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.config = config;
        Gauge.builder("vklad.analytics.ranking.member.days", this, mirror -> mirror.memberDays())
                .description("Member days this replica holds in memory for rankings").register(registry);
    }

    private long memberDays() {
        State known = state;
        return known == null ? 0 : known.index().size();
    }

    private boolean enabled() {
        return config.rankingIndex().days() > 0;
    }

    /**
     * The copy with every change committed before this call, when it holds every day of the period; empty when it
     * does not (or has not loaded yet, or cannot catch up): the caller reads the tables then.
     */
    public Uni<Optional<DailyPointsIndex>> current(Period period) {
        State known = state;
        if (known == null || !known.index().covers(period)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return pool.preparedQuery("SELECT EXISTS (" + CHANGES_SINCE + ") AS behind")
                .execute(Tuple.of(known.snapshot()))
                .chain(rows -> rows.iterator().next().getBoolean("behind") ? refresh.after() : Uni.createFrom().item(known))
                .map(current -> Optional.of(current.index()).filter(index -> index.covers(period)))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("The in-memory rankings cannot catch up, reading the tables: %s", failure.toString());
                    return Optional.empty();
                });
    }

    /** Catches up (or loads); every replica runs it on a schedule. */
    public Uni<Void> catchUp() {
        if (!enabled()) {
            return Uni.createFrom().voidItem();
        }
        return refresh.after().replaceWithVoid();
    }

    private Uni<State> refreshOnce() {
        State known = state;
        LocalDate since = LocalDate.now(config.zone()).minusDays(config.rankingIndex().days());
        // A copy whose snapshot is older than half the log's retention may have missed changes already deleted.
        boolean reload = known == null || System.nanoTime() - known.takenAt()
                > config.rankingIndex().changeRetention().dividedBy(2).toNanos();
        Uni<State> refreshed = pool.withTransaction(connection -> connection
                .query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute()
                .chain(() -> connection.query("SELECT pg_current_snapshot()::text AS snapshot").execute())
                .map(rows -> rows.iterator().next().getString("snapshot"))
                .chain(snapshot -> reload ? load(connection, since, snapshot)
                        : catchUp(connection, known.index().withoutDaysBefore(since), known.snapshot(), snapshot)));
        long started = System.nanoTime();
        return refreshed.invoke(done -> {
            state = done;
            if (reload) {
                LOG.infof("Loaded %d member days since %s into memory for rankings in %d ms", done.index().size(),
                        since, Duration.ofNanos(System.nanoTime() - started).toMillis());
            }
        });
    }

    private Uni<State> load(SqlConnection connection, LocalDate since, String snapshot) {
        long takenAt = System.nanoTime();
        DailyPointsIndex empty = DailyPointsIndex.since(since);
        return connection.prepare(LOAD).chain(statement -> statement.createStream(LOAD_CHUNK, Tuple.of(since))
                        .toMulti()
                        .map(DailyPointsMirror::entry)
                        .group().intoLists().of(LOAD_CHUNK)
                        .onItem().scan(() -> empty, (index, chunk) -> index.with(List.of(), chunk))
                        .collect().last()
                        .call(statement::close))
                .map(index -> new State(index == null ? empty : index, snapshot, takenAt));
    }

    private Uni<State> catchUp(SqlConnection connection, DailyPointsIndex index, String seen, String snapshot) {
        long takenAt = System.nanoTime();
        return connection.preparedQuery(CHANGES_SINCE).execute(Tuple.of(seen)).chain(changes -> {
            Set<DailyPointsIndex.MemberDay> asked = new HashSet<>();
            boolean reload = false;
            for (Row change : changes) {
                reload |= change.getBoolean("reload");
                Long[] members = change.getArrayOfLongs("members");
                LocalDate[] days = change.getArrayOfLocalDates("days");
                for (int i = 0; i < members.length; i++) {
                    if (!days[i].isBefore(index.since())) {
                        asked.add(new DailyPointsIndex.MemberDay(members[i], days[i]));
                    }
                }
            }
            if (reload) {
                LOG.info("A member was erased: reloading the in-memory rankings");
                return load(connection, index.since(), snapshot);
            }
            if (asked.isEmpty()) {
                return Uni.createFrom().item(new State(index, snapshot, takenAt));
            }
            return connection.preparedQuery(ROWS_OF_CHANGES)
                    .execute(Tuple.of(asked.stream().map(DailyPointsIndex.MemberDay::vkUserId).toArray(Long[]::new),
                            asked.stream().map(DailyPointsIndex.MemberDay::day).toArray(LocalDate[]::new)))
                    .map(rows -> {
                        List<DailyPointsIndex.Entry> found = new ArrayList<>();
                        rows.forEach(row -> found.add(entry(row)));
                        return new State(index.with(asked, found), snapshot, takenAt);
                    });
        });
    }

    private static DailyPointsIndex.Entry entry(Row row) {
        return new DailyPointsIndex.Entry(row.getLong("vk_user_id"), row.getLocalDate("day"), row.getLong("points"),
                row.getString("department"));
    }
}
