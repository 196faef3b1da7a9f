package ru.vklad.notification.persistence;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.notification.service.Notification;

@ApplicationScoped
public class DeliveryLog {

    public static final String RECORDED = "RECORDED";
    public static final String NOT_ALLOWED = "NOT_ALLOWED";

    private final Pool pool;

    public DeliveryLog(Pool pool) {
        this.pool = pool;
    }

    public record Delivery(String notificationId, long vkUserId, String kind, int randomId, String text, String status,
                           OffsetDateTime createdAt) {
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
        return pool.preparedQuery("""
                        SELECT notification_id, vk_user_id, kind, random_id, text, status, created_at
                        FROM delivery_log WHERE vk_user_id = $1 ORDER BY created_at DESC, notification_id LIMIT $2""")
                .execute(Tuple.of(vkUserId, limit))
                .map(rows -> {
                    List<Delivery> deliveries = new ArrayList<>();
                    for (Row row : rows) {
                        deliveries.add(new Delivery(row.getString("notification_id"), row.getLong("vk_user_id"),
                                row.getString("kind"), row.getInteger("random_id"), row.getString("text"),
                                row.getString("status"), row.getOffsetDateTime("created_at")));
                    }
                    return deliveries;
                });
    }
}
