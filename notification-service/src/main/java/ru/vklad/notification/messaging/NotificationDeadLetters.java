package ru.vklad.notification.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;
import ru.vklad.events.NotificationFailed;
import ru.vklad.notification.persistence.DeliveryLog;

/** Parks a notification given up on in {@code notifications.dlq}, keyed by member, acknowledged by the broker. */
@ApplicationScoped
public class NotificationDeadLetters {

    private final MutinyEmitter<NotificationFailed> emitter;

    public NotificationDeadLetters(@Channel("notifications-dlq-out") MutinyEmitter<NotificationFailed> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> park(DeliveryLog.Delivery delivery, int attempts, String lastError) {
        NotificationFailed failed = new NotificationFailed(delivery.notificationId(), delivery.vkUserId(),
                delivery.kind(), delivery.randomId(), delivery.text(), attempts, lastError, Instant.now());
        return emitter.sendMessage(Message.of(failed).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(String.valueOf(delivery.vkUserId())).build()));
    }
}
