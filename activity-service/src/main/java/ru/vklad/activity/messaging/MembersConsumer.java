package ru.vklad.activity.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.Record;
import ru.vklad.events.consumer.RetryableFailure;
import ru.vklad.activity.persistence.MemberConsentRepository;
import ru.vklad.activity.persistence.MemberTraces;
import ru.vklad.events.MemberChanged;

/**
 * Follows the compacted {@code members} topic so that only consenting members earn. A tombstone (erasure) forgets
 * the member and their traces. Idempotent: a redelivered or older record never overwrites a newer state.
 */
@ApplicationScoped
public class MembersConsumer {

    private static final Logger LOG = Logger.getLogger(MembersConsumer.class);

    private final MemberConsentRepository consents;
    private final MemberTraces traces;

    public MembersConsumer(MemberConsentRepository consents, MemberTraces traces) {
        this.consents = consents;
        this.traces = traces;
    }

    @Incoming("members")
    public Uni<Void> consume(Record<String, MemberChanged> record) {
        long vkUserId = Long.parseLong(record.key());
        MemberChanged member = record.value();
        if (member == null) {
            // Without the VK id: the log must not keep whom erasure removed.
            return RetryableFailure.retried(() -> Panache.withTransaction(() -> consents.deleteById(vkUserId))
                            .replaceWithVoid().chain(() -> traces.forget(vkUserId)),
                    failure -> LOG.warnf("A member's erasure not applied yet, retrying: %s", failure))
                    .invoke(() -> LOG.info("A member was erased: their consent, usage, anti-abuse history and "
                            + "authorship are forgotten"))
                    .onFailure().invoke(failure -> LOG.error("Could not erase a member from the activity service; "
                            + "the tombstone goes to members.dlq", failure));
        }
        // A consent lost to the dead-letter topic would drop the member's activity as not consenting.
        return RetryableFailure.retried(() -> Panache.withTransaction(() -> consents.upsert(vkUserId,
                        member.consentGiven(), member.audience(), member.changedAt())),
                failure -> LOG.warnf("A member's consent not recorded yet, retrying: %s", failure));
    }
}
