package ru.vklad.analytics.persistence;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.analytics.config.AnalyticsConfig;
import ru.vklad.analytics.service.SharedRun;

/**
 * The weekly and monthly rollups of {@code member_points_daily} (overall and per department), kept behind the ingest:
 * a poll of ledger events writes only the daily rows and logs what it added to each member day
 * ({@code points_change}); a fold adds the changes logged since the last fold, summed per member and week or month,
 * so many polls' changes of one member's week become one row written and the ingest moves no points index but the
 * daily one. Each change is folded once: a fold takes the changes of the transactions that the last fold's snapshot
 * did not see and its own does, and records its snapshot in the same transaction; folds run one at a time.
 */
@ApplicationScoped
public class PointsRollups {

    private static final Logger LOG = Logger.getLogger(PointsRollups.class);

    /** Whether a transaction the last fold did not see has logged a change; one committed later than this check is not. */
    private static final String BEHIND = """
            SELECT EXISTS (
                SELECT 1 FROM points_rollup_fold f JOIN points_change c ON %s) AS behind"""
            .formatted(ChangeLog.unseenBy("c.txid", "f.snapshot::pg_snapshot"));

    /**
     * Adds to the rollups what the transactions that $1 (the last fold's snapshot) did not see and $2 (this fold's)
     * does logged, summed per member and week or month first. Changes logged by the previous version, which wrote
     * the rollups itself, have no points and are left out.
     */
    private static final String FOLD = """
            WITH changed AS MATERIALIZED (
                SELECT u.vk_user_id, u.day, u.points, u.activity_points, u.department
                FROM points_change c
                     CROSS JOIN LATERAL unnest(c.members, c.days, c.points, c.activity_points, c.departments)
                     AS u(vk_user_id, day, points, activity_points, department)
                WHERE %s
                  AND pg_visible_in_snapshot(c.txid, $2::text::pg_snapshot)
                  AND u.points IS NOT NULL),
            %s,
            %s
            SELECT count(*) AS folded FROM changed""".formatted(ChangeLog.unseenBy("c.txid", "$1::text::pg_snapshot"),
            rollupsOf("week", "weekly"), rollupsOf("month", "monthly"));

    /** Adds the changes to a unit's (week's or month's) rollups, overall and per department, in key order. */
    private static String rollupsOf(String unit, String table) {
        return """
                member_%1$s AS (
                    INSERT INTO member_points_%2$s AS r (%1$s, vk_user_id, points, activity_points)
                    SELECT date_trunc('%1$s', day)::date, vk_user_id, SUM(points), SUM(activity_points)
                    FROM changed GROUP BY 1, 2 ORDER BY 1, 2
                    ON CONFLICT (%1$s, vk_user_id) DO UPDATE
                    SET points = r.points + EXCLUDED.points, activity_points = r.activity_points + EXCLUDED.activity_points),
                department_%1$s AS (
                    INSERT INTO department_points_%2$s AS r (%1$s, department, vk_user_id, points)
                    SELECT date_trunc('%1$s', day)::date, department, vk_user_id, SUM(points)
                    FROM changed WHERE department IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                    ON CONFLICT (%1$s, department, vk_user_id) DO UPDATE SET points = r.points + EXCLUDED.points)"""
                .formatted(unit, table);
    }

    private final Pool pool;
    private final AnalyticsConfig config;
    private final SharedRun<Long> fold = new SharedRun<>(this::foldOnce);
    private final Timer folds;

    public PointsRollups(Pool pool, AnalyticsConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.config = config;
        this.folds = Timer.builder("vklad.analytics.rollups.fold")
                .description("Folds of changed member days into the weekly and monthly rollups").register(registry);
    }

    /** Folds what has been committed before this call into the rollups, unless nothing has since the last fold. */
    public Uni<Void> caughtUp() {
        return pool.query(BEHIND).execute()
                .chain(rows -> rows.iterator().next().getBoolean("behind") ? fold.after() : Uni.createFrom().item(0L))
                .replaceWithVoid();
    }

    /** Folds every change committed before this call; answers how many logged member days it folded. */
    public Uni<Long> fold() {
        return fold.after();
    }

    private Uni<Long> foldOnce() {
        long started = System.nanoTime();
        return pool.withTransaction(connection -> locked(connection)
                // A snapshot taken once the lock is held: it sees the fold that held it before.
                .chain(lastSnapshot -> connection.query("SELECT pg_current_snapshot()::text AS snapshot").execute()
                        .map(rows -> rows.iterator().next().getString("snapshot"))
                        .chain(snapshot -> connection.preparedQuery(FOLD).execute(Tuple.of(lastSnapshot, snapshot))
                                .map(rows -> rows.iterator().next())
                                .map(row -> row.getLong("folded"))
                                .call(() -> connection.preparedQuery(
                                                "UPDATE points_rollup_fold SET snapshot = $1, folded_at = now()")
                                        .execute(Tuple.of(snapshot)))
                                // The log is kept for the replicas' in-memory copies too, and never beyond
                                // this fold's snapshot.
                                .call(() -> connection.preparedQuery("""
                                                DELETE FROM points_change
                                                WHERE recorded_at < now() - $1::bigint * interval '1 second'
                                                  AND pg_visible_in_snapshot(txid, $2::text::pg_snapshot)""")
                                        .execute(Tuple.of(config.rankingIndex().changeRetention().toSeconds(),
                                                snapshot))))))
                .invoke(folded -> {
                    long took = System.nanoTime() - started;
                    folds.record(took, TimeUnit.NANOSECONDS);
                    if (folded > 0) {
                        LOG.debugf("Folded %d changed member days into the rollups in %d ms", folded.longValue(),
                                took / 1_000_000);
                    }
                });
    }

    /**
     * Takes the fold's lock for the transaction (waiting for a fold or an erasure holding it) and answers the
     * snapshot the last fold saw. An erasure takes it too, so no fold writes a row of the member it renames.
     */
    static Uni<String> locked(SqlConnection connection) {
        return connection.query("SELECT snapshot FROM points_rollup_fold FOR UPDATE").execute()
                .map(rows -> rows.iterator().next().getString("snapshot"));
    }
}
