package ru.vklad.events;

import java.time.Instant;

/**
 * A fact published by the ledger to {@link Topics#LEDGER_EVENTS} under the member's VK user id: every command
 * gets exactly one outcome ({@link Type#BUDGET_EXCEEDED} is an extra fact, never an outcome).
 *
 * @param eventId   unique id of this event, so consumers can deduplicate redeliveries
 * @param entryId   the journal entry posted (for a duplicate: the entry posted the first time); null when rejected
 * @param points    the change to the member's available balance: positive for an award (or an approved hold),
 *                  negative for a reversal, 0 for a hold or a rejected hold
 * @param balance   the member's balance after the entry
 * @param ruleId    the earning rule of the command (e.g. {@code like}), so a notifier can group like with like;
 *                  null for commands without one
 * @param entryKind what the entry did: {@code award}, {@code reversal}, {@code hold}, {@code hold_approved} or
 *                  {@code hold_rejected}; null when nothing was posted
 * @param pendingChange  the change to the member's pending (held) points: positive for a hold, negative when a
 *                       hold is approved or rejected, 0 otherwise
 * @param pendingBalance the member's pending points after the entry; null when the entry did not concern them
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
        String ruleId,
        String entryKind,
        long pendingChange,
        Long pendingBalance) {

    /** An outcome whose command names no earning rule. */
    public LedgerEvent(String eventId, Type type, String commandId, String idempotencyKey, Long entryId,
                       long memberVkId, long points, Long balance, String reason, Instant occurredAt) {
        this(eventId, type, commandId, idempotencyKey, entryId, memberVkId, points, balance, reason, occurredAt, null);
    }

    /** An outcome that does not concern pending points. */
    public LedgerEvent(String eventId, Type type, String commandId, String idempotencyKey, Long entryId,
                       long memberVkId, long points, Long balance, String reason, Instant occurredAt, String ruleId) {
        this(eventId, type, commandId, idempotencyKey, entryId, memberVkId, points, balance, reason, occurredAt, ruleId,
                null, 0, null);
    }

    public enum Type {
        /** A new entry was committed. */
        ENTRY_POSTED,
        /** The idempotency key had already been posted with the same command: nothing new was posted. */
        COMMAND_DUPLICATE,
        /** The command was refused; {@code reason} says why. */
        COMMAND_REJECTED,
        /**
         * Not an outcome but a fact beside one: an award would have exceeded a monthly budget, so it was held for
         * HR's decision instead ({@code entryId}: the hold; {@code reason}: which budget, its limit and use).
         */
        BUDGET_EXCEEDED
    }
}
