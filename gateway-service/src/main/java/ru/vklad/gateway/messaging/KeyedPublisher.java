package ru.vklad.gateway.messaging;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Sends a record under a key and completes when the broker acknowledged it. */
final class KeyedPublisher {

    private KeyedPublisher() {
    }

    static <T> Uni<Void> send(MutinyEmitter<T> emitter, String key, T payload) {
        return emitter.sendMessage(Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()));
    }
}
