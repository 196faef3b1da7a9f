package ru.vklad.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.Record;
import ru.vklad.events.MemberChanged;
import ru.vklad.notification.persistence.MemberZones;

/** Follows members' time zones from the members directory (for quiet hours); a tombstone forgets the member. */
@ApplicationScoped
public class MembersConsumer {

    private final MemberZones zones;

    public MembersConsumer(MemberZones zones) {
        this.zones = zones;
    }

    @Incoming("members")
    public Uni<Void> consume(Record<String, MemberChanged> record) {
        long vkUserId = Long.parseLong(record.key());
        MemberChanged member = record.value();
        if (member == null) {
            return zones.forget(vkUserId);
        }
        if (member.timeZone() == null || member.timeZone().isBlank()) {
            return Uni.createFrom().voidItem();
        }
        return zones.set(vkUserId, member.timeZone(), member.changedAt());
    }
}
