package ru.vklad.notification.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.notification.service.Notification;

@ApplicationScoped
public class DeliveryLog {

    public static final String RECORDED = "RECORDED";
    public static final String NOT_ALLOWED = "NOT_ALLOWED";
    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String UNREACHABLE = "UNREACHABLE";
    public static final String FAILED = "FAILED";
    public static final String COALESCED = "COALESCED";

    private static final String COLUMNS = """
            notification_id, vk_user_id, kind, random_id, text, status, created_at, attempts, last_error,
            vk_message_id, finished_at, next_attempt_at, rule_id, points, balance, coalesced_count, coalesced_into""";

    private final Pool pool;

    public DeliveryLog(Pool pool) {
        this.pool = pool;
    }

    public record Delivery(@Schema(examples = "ledger:entry-10517") String notificationId,
                           @Schema(examples = "51200901") long vkUserId,
                           @Schema(examples = "award_posted") String kind,
                           @Schema(examples = "1259899671") int randomId,
                           @Schema(examples = "Спасибо! +20 баллов за 20 отметок «Мне нравится». Баланс: 1250")
                           String text,
                           @Schema(examples = "SENT") String status,
                           @Schema(examples = "2026-11-23T09:15:00Z") OffsetDateTime createdAt,
                           @Schema(examples = "1") int attempts,
                           @Schema(examples = "VK error 9: Flood control") String lastError,
                           @Schema(examples = "48213") Long vkMessageId,
                           @Schema(examples = "2026-11-23T09:16:02Z") OffsetDateTime finishedAt,
                           @Schema(examples = "2026-11-23T09:16:00Z") OffsetDateTime nextAttemptAt,
                           @Schema(examples = "like") String ruleId,
                           @Schema(examples = "20") Long points,
                           @Schema(examples = "1250") Long balance,
                           @Schema(examples = "20") Integer coalescedCount,
                           @Schema(examples = "ledger:entry-10498") String coalescedInto) {

        static Delivery of(Row row) {
            return new Delivery(row.getString("notification_id"), row.getLong("vk_user_id"), row.getString("kind"),
                    row.getInteger("random_id"), row.getString("text"), row.getString("status"),
                    row.getOffsetDateTime("created_at"), row.getInteger("attempts"), row.getString("last_error"),
                    row.getLong("vk_message_id"), row.getOffsetDateTime("finished_at"),
                    row.getOffsetDateTime("next_attempt_at"), row.getString("rule_id"), row.getLong("points"),
                    row.getLong("balance"), row.getInteger("coalesced_count"), row.getString("coalesced_into"));
        }

        public Delivery withText(String newText, long newPoints, Long newBalance, int count) {
            return new Delivery(notificationId, vkUserId, kind, randomId, newText, status, createdAt, attempts,
                    lastError, vkMessageId, finishedAt, nextAttemptAt, ruleId, newPoints, newBalance, count,
                    coalescedInto);
        }
    }

    /** Award messages of one rule folded into a leader: how many, their points, the newest balance. */
    public record Group(int count, long points, Long balance) {
    }

    /** The leader as it now stands in the log (its text for the whole group), and the ids folded into it. */
    public record Coalesced(Delivery leader, List<String> folded) {
    }

    /**
     * Records a notification once, with its status and the earliest time it may be sent; answers false when it had
     * been recorded already.
     */
    public Uni<Boolean> record(Notification notification, String status, Instant sendAt) {
        return pool.preparedQuery("""
                        INSERT INTO delivery_log (notification_id, vk_user_id, kind, random_id, text, status, rule_id,
                                                  points, balance, next_attempt_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (notification_id) DO NOTHING""")
                .execute(Tuple.tuple().addString(notification.notificationId()).addLong(notification.vkUserId())
                        .addString(notification.kind()).addInteger(notification.randomId())
                        .addString(notification.text()).addString(status).addString(notification.ruleId())
                        .addLong(notification.points()).addLong(notification.balance())
                        .addOffsetDateTime(sendAt.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** A notification to record, with its status and the earliest time it may be sent. */
    public record Recorded(Notification notification, String status, Instant sendAt) {
    }

    /** Records notifications as {@link #record} does, in one statement; each once. */
    public Uni<Void> recordAll(List<Recorded> recorded) {
        if (recorded.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("""
                        INSERT INTO delivery_log (notification_id, vk_user_id, kind, random_id, text, status, rule_id,
                                                  points, balance, next_attempt_at)
                        SELECT id, member, kind, random_id, text, status, rule_id, points, balance, send_at
                        FROM unnest($1::text[], $2::bigint[], $3::text[], $4::int[], $5::text[], $6::text[],
                                    $7::text[], $8::bigint[], $9::bigint[], $10::timestamptz[]) WITH ORDINALITY
                             AS n(id, member, kind, random_id, text, status, rule_id, points, balance, send_at, position)
                        ORDER BY position
                        ON CONFLICT (notification_id) DO NOTHING""")
                .execute(Tuple.from(List.of(
                        recorded.stream().map(r -> r.notification().notificationId()).toArray(String[]::new),
                        recorded.stream().map(r -> r.notification().vkUserId()).toArray(Long[]::new),
                        recorded.stream().map(r -> r.notification().kind()).toArray(String[]::new),
                        recorded.stream().map(r -> r.notification().randomId()).toArray(Integer[]::new),
                        recorded.stream().map(r -> r.notification().text()).toArray(String[]::new),
                        recorded.stream().map(Recorded::status).toArray(String[]::new),
                        recorded.stream().map(r -> r.notification().ruleId()).toArray(String[]::new),
                        recorded.stream().map(r -> r.notification().points()).toArray(Long[]::new),
                        recorded.stream().map(r -> r.notification().balance()).toArray(Long[]::new),
                        recorded.stream().map(r -> r.sendAt().atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new))))
                .replaceWithVoid();
    }

    /**
     * Folds the member's other PENDING award messages of the leader's rule (due or not; not held by another replica,
     * or held in this replica's own batch {@code ownClaims}) into the leader, in one transaction: they become
     * COALESCED into it, and the leader takes the text {@code render} gives for the whole group. From then on the
     * group is fixed, so every retry sends the same.
     */
    public Uni<Coalesced> coalesce(Delivery leader, List<String> ownClaims, Function<Group, String> render) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        WITH folded AS (
                            UPDATE delivery_log SET status = 'COALESCED', coalesced_into = $1, finished_at = now()
                            WHERE vk_user_id = $2 AND rule_id = $3 AND kind = $4 AND status = 'PENDING'
                              AND notification_id <> $1 AND coalesced_count IS NULL
                              AND (claimed_until IS NULL OR claimed_until < now() OR notification_id = ANY($5))
                            RETURNING notification_id, points, balance, seq),
                        -- The group's balance is its latest message's, leader included, in recording order.
                        latest AS (
                            SELECT balance FROM (SELECT balance, seq FROM folded
                                                 UNION ALL
                                                 SELECT balance, seq FROM delivery_log WHERE notification_id = $1) g
                            ORDER BY seq DESC LIMIT 1)
                        SELECT count(*) AS n, coalesce(sum(points), 0) AS points,
                               (SELECT balance FROM latest) AS balance, array_agg(notification_id) AS folded
                        FROM folded""")
                .execute(Tuple.of(leader.notificationId(), leader.vkUserId(), leader.ruleId(), leader.kind(),
                        ownClaims.toArray(String[]::new)))
                .chain(rows -> {
                    Row row = rows.iterator().next();
                    int count = row.getInteger("n") + 1;
                    long points = row.getLong("points") + (leader.points() == null ? 0 : leader.points());
                    Long balance = count > 1 ? row.getLong("balance") : leader.balance();
                    String[] folded = row.getArrayOfStrings("folded");
                    String text = count > 1 ? render.apply(new Group(count, points, balance)) : leader.text();
                    return tx.preparedQuery("""
                                    UPDATE delivery_log SET text = $2, points = $3, balance = $4, coalesced_count = $5
                                    WHERE notification_id = $1""")
                            .execute(Tuple.of(leader.notificationId(), text, points, balance, count))
                            .replaceWith(new Coalesced(leader.withText(text, points, balance, count),
                                    folded == null ? List.of() : List.of(folded)));
                }));
    }

    public Uni<List<Delivery>> latestFor(long vkUserId, int page, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM delivery_log WHERE vk_user_id = $1"
                        + " ORDER BY created_at DESC, seq DESC LIMIT $2 OFFSET $3")
                .execute(Tuple.of(vkUserId, limit, (long) page * limit))
                .map(DeliveryLog::deliveries);
    }

    /**
     * Claims up to {@code limit} due PENDING notifications for this replica until the lease ends, oldest first.
     * Rows another replica holds are skipped, not waited for.
     */
    public Uni<List<Delivery>> claimDue(int limit, Duration lease) {
        return pool.preparedQuery("""
                        UPDATE delivery_log SET claimed_until = now() + make_interval(secs => $2)
                        WHERE notification_id IN (
                            SELECT notification_id FROM delivery_log
                            WHERE status = 'PENDING' AND next_attempt_at <= now()
                              AND (claimed_until IS NULL OR claimed_until < now())
                            ORDER BY next_attempt_at, created_at, seq LIMIT $1
                            FOR UPDATE SKIP LOCKED)
                        RETURNING\s""" + COLUMNS)
                .execute(Tuple.of(limit, (double) lease.toMillis() / 1000))
                .map(DeliveryLog::deliveries);
    }

    public Uni<Void> markSent(String notificationId, long vkMessageId) {
        return finish(notificationId, SENT, null, vkMessageId);
    }

    public Uni<Void> markRecorded(String notificationId) {
        return finish(notificationId, RECORDED, null, null);
    }

    public Uni<Void> markUnreachable(String notificationId, String error) {
        return finish(notificationId, UNREACHABLE, error, null);
    }

    public Uni<Void> markFailed(String notificationId, String error) {
        return finish(notificationId, FAILED, error, null);
    }

    /** Counts a failed attempt and schedules the next one. */
    public Uni<Void> retryLater(String notificationId, String error, Duration delay) {
        return pool.preparedQuery("""
                        UPDATE delivery_log SET attempts = attempts + 1, last_error = $2, claimed_until = NULL,
                                                next_attempt_at = now() + make_interval(secs => $3)
                        WHERE notification_id = $1 AND status = 'PENDING'""")
                .execute(Tuple.of(notificationId, error, (double) delay.toMillis() / 1000))
                .replaceWithVoid();
    }

    /** Gives a claim back without counting an attempt (sending is halted, e.g. the token was rejected). */
    public Uni<Void> release(String notificationId, String error) {
        return pool.preparedQuery("""
                        UPDATE delivery_log SET claimed_until = NULL, last_error = $2
                        WHERE notification_id = $1 AND status = 'PENDING'""")
                .execute(Tuple.of(notificationId, error))
                .replaceWithVoid();
    }

    private Uni<Void> finish(String notificationId, String status, String error, Long vkMessageId) {
        return pool.preparedQuery("""
                        UPDATE delivery_log SET status = $2, attempts = attempts + 1, last_error = $3,
                                                vk_message_id = $4, claimed_until = NULL, finished_at = now()
                        WHERE notification_id = $1 AND status = 'PENDING'""")
                .execute(Tuple.of(notificationId, status, error, vkMessageId))
                .replaceWithVoid();
    }

    private static List<Delivery> deliveries(RowSet<Row> rows) {
        List<Delivery> deliveries = new ArrayList<>();
        for (Row row : rows) {
            deliveries.add(Delivery.of(row));
        }
        return deliveries;
    }
}
