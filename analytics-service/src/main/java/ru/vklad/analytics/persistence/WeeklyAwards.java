package ru.vklad.analytics.persistence;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.analytics.service.IsoWeek;

/** The weekly "most active" winners: one per ISO week, claimed before the award is sent. */
@ApplicationScoped
public class WeeklyAwards {

    public record Award(IsoWeek week, long vkUserId, long activityPoints, int activeDays, long awardPoints,
                        boolean sent) {
    }

    private final Pool pool;

    public WeeklyAwards(Pool pool) {
        this.pool = pool;
    }

    /** Records the week's winner unless one is recorded already; answers the week's award either way. */
    public Uni<Award> claim(Award award) {
        return pool.preparedQuery("""
                        INSERT INTO weekly_award (week, vk_user_id, activity_points, active_days, award_points)
                        VALUES ($1, $2, $3, $4, $5) ON CONFLICT (week) DO NOTHING""")
                .execute(Tuple.of(award.week().toString(), award.vkUserId(), award.activityPoints(),
                        award.activeDays(), award.awardPoints()))
                .chain(() -> find(award.week())).map(Optional::orElseThrow);
    }

    public Uni<Optional<Award>> find(IsoWeek week) {
        return pool.preparedQuery("SELECT * FROM weekly_award WHERE week = $1").execute(Tuple.of(week.toString()))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(award(rows.iterator().next())));
    }

    public Uni<Void> markSent(IsoWeek week) {
        return pool.preparedQuery("UPDATE weekly_award SET sent_at = now() WHERE week = $1 AND sent_at IS NULL")
                .execute(Tuple.of(week.toString())).replaceWithVoid();
    }

    /** Winners of the weeks in {@code [from, to]}. */
    public Uni<Set<Long>> winners(IsoWeek from, IsoWeek to) {
        List<String> weeks = new ArrayList<>();
        for (IsoWeek week = from; week.compareTo(to) <= 0; week = IsoWeek.of(week.monday().plusWeeks(1))) {
            weeks.add(week.toString());
        }
        return pool.preparedQuery("SELECT vk_user_id FROM weekly_award WHERE week = ANY($1)")
                .execute(Tuple.of(weeks.toArray(String[]::new)))
                .map(rows -> {
                    Set<Long> winners = new HashSet<>();
                    rows.forEach(row -> winners.add(row.getLong(0)));
                    return winners;
                });
    }

    /** Claims whose award command the broker has not acknowledged yet. */
    public Uni<List<Award>> unsent() {
        return pool.query("SELECT * FROM weekly_award WHERE sent_at IS NULL ORDER BY week").execute()
                .map(rows -> {
                    List<Award> awards = new ArrayList<>();
                    rows.forEach(row -> awards.add(award(row)));
                    return awards;
                });
    }

    private static Award award(Row row) {
        return new Award(IsoWeek.parse(row.getString("week")), row.getLong("vk_user_id"),
                row.getLong("activity_points"), row.getInteger("active_days"), row.getLong("award_points"),
                row.getValue("sent_at") != null);
    }
}
