package ru.vklad.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import ru.vklad.events.MemberChanged;

/** Publishes member states to the compacted {@code members} topic, keyed by VK user id. */
@ApplicationScoped
public class MembersPublisher {

    private final MutinyEmitter<MemberChanged> emitter;

    public MembersPublisher(@Channel("members-out") MutinyEmitter<MemberChanged> emitter) {
        this.emitter = emitter;
    }

    /** Completes when the broker has acknowledged the record. */
    public Uni<Void> publish(MemberChanged member) {
        return KeyedPublisher.send(emitter, String.valueOf(member.vkUserId()), member);
    }
}
