package ru.vklad.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import ru.vklad.events.AwardCommand;

/** Sends manual awards to the ledger through {@code award-commands}, keyed by member. */
@ApplicationScoped
public class AwardCommandsPublisher {

    private final MutinyEmitter<AwardCommand> emitter;

    public AwardCommandsPublisher(@Channel("award-commands-out") MutinyEmitter<AwardCommand> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(AwardCommand command) {
        return KeyedPublisher.send(emitter, String.valueOf(command.memberVkId()), command);
    }
}
