package ru.vklad.activity.messaging;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Sends records under a key (a VK user id, so one person's events stay ordered) and waits for the broker's ack. */
final class KeyedPublisher {

    private KeyedPublisher() {
    }

    static <T> Uni<Void> send(MutinyEmitter<T> emitter, String key, T payload) {
        return emitter.sendMessage(Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()));
    }
}
