package ru.vklad.analytics.persistence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.analytics.service.Period;
import ru.vklad.analytics.service.Rankings;

/** Points per member per day, applied at most once per event. */
@ApplicationScoped
public class PointsReadModel {

    private final Pool pool;

    public PointsReadModel(Pool pool) {
        this.pool = pool;
    }

    /** Adds posted points unless this event was applied before; answers whether it was applied now. */
    public Uni<Boolean> applyPosted(String eventId, long vkUserId, LocalDate day, long points) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("INSERT INTO applied_event (event_id) VALUES ($1) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(eventId))
                .chain(marked -> marked.rowCount() == 0
                        ? Uni.createFrom().item(false)
                        : connection.preparedQuery("""
                                INSERT INTO member_points_daily (vk_user_id, day, points, entries) VALUES ($1, $2, $3, 1)
                                ON CONFLICT (vk_user_id, day) DO UPDATE
                                SET points = member_points_daily.points + EXCLUDED.points,
                                    entries = member_points_daily.entries + 1""")
                        .execute(Tuple.of(vkUserId, day, points))
                        .replaceWith(true)));
    }

    /** One member's points per day of the period, days without points left out. */
    public Uni<List<DailyPoints>> memberDays(long vkUserId, Period period) {
        return pool.preparedQuery("""
                        SELECT day, points, entries FROM member_points_daily
                        WHERE vk_user_id = $1 AND day BETWEEN $2 AND $3 ORDER BY day""")
                .execute(Tuple.of(vkUserId, period.from(), period.to()))
                .map(rows -> {
                    List<DailyPoints> days = new ArrayList<>();
                    for (Row row : rows) {
                        days.add(new DailyPoints(row.getLocalDate("day"), row.getLong("points"), row.getInteger("entries")));
                    }
                    return days;
                });
    }

    public record DailyPoints(LocalDate day, long points, int entries) {
    }

    public Uni<List<Rankings.Score>> topScores(Period period, int limit) {
        return pool.preparedQuery("""
                        SELECT vk_user_id, SUM(points) AS points FROM member_points_daily
                        WHERE day BETWEEN $1 AND $2
                        GROUP BY vk_user_id
                        ORDER BY points DESC, vk_user_id ASC
                        LIMIT $3""")
                .execute(Tuple.of(period.from(), period.to(), limit))
                .map(rows -> {
                    List<Rankings.Score> scores = new ArrayList<>();
                    for (Row row : rows) {
                        scores.add(new Rankings.Score(row.getLong("vk_user_id"), row.getLong("points")));
                    }
                    return scores;
                });
    }
}
