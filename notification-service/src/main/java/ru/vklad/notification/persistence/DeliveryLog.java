package ru.vklad.notification.persistence;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

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

    private static final String COLUMNS = """
            notification_id, vk_user_id, kind, random_id, text, status, created_at, attempts, last_error,
            vk_message_id, finished_at""";

    private final Pool pool;

    public DeliveryLog(Pool pool) {
        this.pool = pool;
    }

    public record Delivery(String notificationId, long vkUserId, String kind, int randomId, String text, String status,
                           OffsetDateTime createdAt, int attempts, String lastError, Long vkMessageId,
                           OffsetDateTime finishedAt) {

        static Delivery of(Row row) {
            return new Delivery(row.getString("notification_id"), row.getLong("vk_user_id"), row.getString("kind"),
                    row.getInteger("random_id"), row.getString("text"), row.getString("status"),
                    row.getOffsetDateTime("created_at"), row.getInteger("attempts"), row.getString("last_error"),
                    row.getLong("vk_message_id"), row.getOffsetDateTime("finished_at"));
        }
    }

    /** Records a notification once, with its status; answers false when it had been recorded already. */
    public Uni<Boolean> record(Notification notification, String status) {
        return pool.preparedQuery("""
                        INSERT INTO delivery_log (notification_id, vk_user_id, kind, random_id, text, status)
                        VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (notification_id) DO NOTHING""")
                .execute(Tuple.tuple().addString(notification.notificationId()).addLong(notification.vkUserId())
                        .addString(notification.kind()).addInteger(notification.randomId())
                        .addString(notification.text()).addString(status))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<List<Delivery>> latestFor(long vkUserId, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM delivery_log WHERE vk_user_id = $1"
                        + " ORDER BY created_at DESC, notification_id LIMIT $2")
                .execute(Tuple.of(vkUserId, limit))
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
                            ORDER BY next_attempt_at, created_at LIMIT $1
                            FOR UPDATE SKIP LOCKED)
                        RETURNING\s""" + COLUMNS)
                .execute(Tuple.of(limit, (double) lease.toMillis() / 1000))
                .map(DeliveryLog::deliveries);
    }

    public Uni<Void> markSent(String notificationId, long vkMessageId) {
        return finish(notificationId, SENT, null, vkMessageId);
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
