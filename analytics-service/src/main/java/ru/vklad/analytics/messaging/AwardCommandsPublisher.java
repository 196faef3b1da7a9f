package ru.vklad.analytics.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import ru.vklad.events.AwardCommand;

/** Scheduled awards to the ledger, keyed by member; completes when the broker acknowledged the command. */
@ApplicationScoped
public class AwardCommandsPublisher {

    private final MutinyEmitter<AwardCommand> emitter;

    public AwardCommandsPublisher(@Channel("award-commands-out") MutinyEmitter<AwardCommand> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> send(AwardCommand command) {
        return emitter.sendMessage(Message.of(command).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(String.valueOf(command.memberVkId())).build()));
    }
}
