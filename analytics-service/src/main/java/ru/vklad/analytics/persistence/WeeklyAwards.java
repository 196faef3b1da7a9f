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
    private final ErasedMembers erased;

    public WeeklyAwards(Pool pool, ErasedMembers erased) {
        this.pool = pool;
        this.erased = erased;
    }

    /**
     * Records the week's winner unless one is recorded already, and only while the winner is a consenting member
     * of the directory (an erasure or a withdrawal since they were picked leaves the week open); answers the week's
     * award, empty when none is recorded.
     */
    public Uni<Optional<Award>> claim(Award award) {
        return pool.withTransaction(connection -> erased.holdOffErasures(connection)
                        .chain(() -> connection.preparedQuery("""
                                INSERT INTO weekly_award (week, vk_user_id, activity_points, active_days, award_points)
                                SELECT $1, $2, $3, $4, $5 WHERE EXISTS (
                                    SELECT 1 FROM member_directory WHERE vk_user_id = $2 AND consent_given)
                                ON CONFLICT (week) DO NOTHING""")
                                .execute(Tuple.of(award.week().toString(), award.vkUserId(), award.activityPoints(),
                                        award.activeDays(), award.awardPoints()))))
                .chain(() -> find(award.week()));
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

    /**
     * Claims whose award command the broker has not acknowledged yet; not those whose winner was erased meanwhile
     * (their row is under the anonymous id, which no one can be paid under).
     */
    public Uni<List<Award>> unsent() {
        return pool.query("SELECT * FROM weekly_award WHERE sent_at IS NULL AND vk_user_id > 0 ORDER BY week")
                .execute()
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
