package ru.vklad.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import ru.vklad.events.MemberChanged;

/** Publishes member states to the compacted {@code members} topic, keyed by VK user id. */
@ApplicationScoped
public class MembersPublisher {

    private final MutinyEmitter<Record<String, MemberChanged>> emitter;

    public MembersPublisher(@Channel("members-out") MutinyEmitter<Record<String, MemberChanged>> emitter) {
        this.emitter = emitter;
    }

    /** Completes when the broker has acknowledged the record. */
    public Uni<Void> publish(MemberChanged member) {
        return emitter.send(Record.of(String.valueOf(member.vkUserId()), member));
    }

    /**
     * Erasure: a tombstone (null value) under the member's key. Every service forgets the person, and compaction
     * removes their earlier states from the topic.
     */
    public Uni<Void> erase(long vkUserId) {
        return emitter.send(Record.of(String.valueOf(vkUserId), null));
    }
}
