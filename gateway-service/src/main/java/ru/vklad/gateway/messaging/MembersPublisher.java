package ru.vklad.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
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
        return emitter.sendMessage(Message.of(member).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(String.valueOf(member.vkUserId())).build()));
    }
}
