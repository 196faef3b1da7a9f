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
 * @param ruleId    the earning rule of the command (e.g. {@code like}), so a notifier can group like with like;
 *                  null for commands without one
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
        Instant occurredAt,
        String ruleId) {

    /** An outcome whose command names no earning rule. */
    public LedgerEvent(String eventId, Type type, String commandId, String idempotencyKey, Long entryId,
                       long memberVkId, long points, Long balance, String reason, Instant occurredAt) {
        this(eventId, type, commandId, idempotencyKey, entryId, memberVkId, points, balance, reason, occurredAt, null);
    }

    public enum Type {
        /** A new entry was committed. */
        ENTRY_POSTED,
        /** The idempotency key had already been posted with the same command: nothing new was posted. */
        COMMAND_DUPLICATE,
        /** The command was refused; {@code reason} says why. */
        COMMAND_REJECTED
    }
}
