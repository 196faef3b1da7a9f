package ru.vklad.analytics.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.Record;
import ru.vklad.events.consumer.RetryableFailure;
import ru.vklad.analytics.persistence.MemberDirectory;
import ru.vklad.events.MemberChanged;

/** Follows the members directory: departments and consent; a tombstone is an erasure. */
@ApplicationScoped
public class MembersConsumer {

    private static final Logger LOG = Logger.getLogger(MembersConsumer.class);

    private final MemberDirectory directory;

    public MembersConsumer(MemberDirectory directory) {
        this.directory = directory;
    }

    @Incoming("members")
    public Uni<Void> consume(Record<String, MemberChanged> record) {
        long vkUserId = Long.parseLong(record.key());
        MemberChanged member = record.value();
        // Never the VK id in the log: the record may be an erasure.
        return RetryableFailure.retried(() -> member == null
                        ? directory.erase(vkUserId)
                        : directory.changed(vkUserId, member.department(), member.audience(), member.consentGiven(),
                                member.changedAt()),
                failure -> LOG.warnf("Member change not applied yet, retrying: %s", failure));
    }
}
