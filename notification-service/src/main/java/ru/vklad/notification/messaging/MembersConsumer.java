package ru.vklad.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.Record;
import ru.vklad.events.consumer.RetryableFailure;
import ru.vklad.events.MemberChanged;
import ru.vklad.notification.persistence.MemberErasure;
import ru.vklad.notification.persistence.MemberZones;

/** Follows members' time zones from the members directory (for quiet hours); a tombstone erases the member. */
@ApplicationScoped
public class MembersConsumer {

    private static final Logger LOG = Logger.getLogger(MembersConsumer.class);

    private final MemberZones zones;
    private final MemberErasure erasure;

    public MembersConsumer(MemberZones zones, MemberErasure erasure) {
        this.zones = zones;
        this.erasure = erasure;
    }

    @Incoming("members")
    public Uni<Void> consume(Record<String, MemberChanged> record) {
        long vkUserId = Long.parseLong(record.key());
        MemberChanged member = record.value();
        if (member != null && (member.timeZone() == null || member.timeZone().isBlank())) {
            return Uni.createFrom().voidItem();
        }
        // Never the VK id in the log: the record may be an erasure.
        return RetryableFailure.retried(() -> member == null ? erasure.erase(vkUserId)
                        : zones.set(vkUserId, member.timeZone(), member.changedAt()),
                failure -> LOG.warnf("Member change not applied yet, retrying: %s", failure));
    }
}
