package ru.vklad.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import ru.vklad.events.AwardCommand;

/** Sends manual awards to the ledger through {@code award-commands}, keyed by member. */
@ApplicationScoped
public class AwardCommandsPublisher {

    private final MutinyEmitter<AwardCommand> emitter;

    public AwardCommandsPublisher(@Channel("award-commands-out") MutinyEmitter<AwardCommand> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(AwardCommand command) {
        return emitter.sendMessage(Message.of(command).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(String.valueOf(command.memberVkId())).build()));
    }
}
