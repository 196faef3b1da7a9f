package ru.vklad.ledger.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.Record;
import ru.vklad.events.MemberChanged;
import ru.vklad.ledger.persistence.MemberDepartments;

/** Follows members' departments from the members directory (for budgets); a tombstone forgets the member. */
@ApplicationScoped
public class MembersConsumer {

    private final MemberDepartments departments;

    public MembersConsumer(MemberDepartments departments) {
        this.departments = departments;
    }

    @Incoming("members")
    public Uni<Void> consume(Record<String, MemberChanged> record) {
        long vkUserId = Long.parseLong(record.key());
        MemberChanged member = record.value();
        if (member == null || member.department() == null || member.department().isBlank()) {
            return departments.forget(vkUserId);
        }
        return departments.set(vkUserId, member.department(), member.changedAt());
    }
}
