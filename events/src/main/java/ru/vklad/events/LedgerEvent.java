package ru.vklad.events;

import java.time.Instant;

/**
 * A fact published by the ledger to {@link Topics#LEDGER_EVENTS} under the member's VK user id: every command
 * gets exactly one outcome.
 *
 * @param eventId   unique id of this event, so consumers can deduplicate redeliveries
 * @param entryId   the journal entry posted (for a duplicate: the entry posted the first time); null when rejected
 * @param points    the change to the member's balance: positive for an award, negative for a reversal
 * @param balance   the member's balance after the entry
 */
public record LedgerEvent(
        String eventId,
        Type type,
        String commandId,
        String idempotencyKey,
        Long entryId,
        long memberVkId,
        long points,
        Long balance,
        String reason,
        Instant occurredAt) {

    public enum Type {
        /** A new entry was committed. */
        ENTRY_POSTED,
        /** The idempotency key had already been posted with the same command: nothing new was posted. */
        COMMAND_DUPLICATE,
        /** The command was refused; {@code reason} says why. */
        COMMAND_REJECTED
    }
}
