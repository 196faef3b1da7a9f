package ru.vklad.ledger.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import ru.vklad.events.LedgerEvent;

/** Publishes outcomes to {@code ledger-events}, keyed by member so one member's events stay ordered. */
@ApplicationScoped
public class LedgerEventPublisher {

    private final MutinyEmitter<LedgerEvent> emitter;

    public LedgerEventPublisher(@Channel("ledger-events-out") MutinyEmitter<LedgerEvent> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(LedgerEvent event) {
        return emitter.sendMessage(Message.of(event).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(String.valueOf(event.memberVkId())).build()));
    }
}
