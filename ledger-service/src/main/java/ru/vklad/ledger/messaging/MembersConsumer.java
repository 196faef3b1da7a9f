package ru.vklad.ledger.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import ru.vklad.events.consumer.RetryableFailure;
import ru.vklad.events.MemberChanged;
import ru.vklad.ledger.persistence.MemberDepartments;
import ru.vklad.ledger.service.Erasure;

/**
 * Follows members' departments from the members directory (for budgets and issuance accounts); a tombstone is an
 * erasure: the member's id leaves the ledger, their balanced entries stay under an anonymous one.
 */
@ApplicationScoped
public class MembersConsumer {

    private static final Logger LOG = Logger.getLogger(MembersConsumer.class);

    private final MemberDepartments departments;
    private final Erasure erasure;

    public MembersConsumer(MemberDepartments departments, Erasure erasure) {
        this.departments = departments;
        this.erasure = erasure;
    }

    @Incoming("members")
    public Uni<Void> consume(ConsumerRecord<String, MemberChanged> record) {
        long vkUserId = Long.parseLong(record.key());
        MemberChanged member = record.value();
        // Never the VK id in the log: the record may be an erasure.
        return RetryableFailure.retried(() -> {
            if (member == null) {
                return erasure.erase(vkUserId, Instant.ofEpochMilli(record.timestamp()));
            }
            if (member.department() == null || member.department().isBlank()) {
                return departments.forget(vkUserId);
            }
            return departments.set(vkUserId, member.department(), member.changedAt());
        }, failure -> LOG.warnf("Member change not applied yet, retrying: %s", failure));
    }
}
