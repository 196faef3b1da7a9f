package ru.vklad.events;

import java.time.Instant;

/**
 * A request to the ledger, published to {@link Topics#AWARD_COMMANDS} under the member's VK user id.
 *
 * @param commandId      unique id of this command; the ledger reports its outcome under it
 * @param idempotencyKey deterministic key of the business fact (e.g. community, rule, member and VK object): the
 *                       ledger posts at most one entry per key, so redelivery and replays never pay twice
 * @param type           what the ledger is asked to do
 * @param memberVkId     the member whose account is credited
 * @param points         a positive whole number of points
 * @param ruleId         the earning rule that produced the award
 * @param ruleVersion    the version of that rule in force when the action happened
 * @param reason         a human reason shown to the employee and HR
 * @param source         the service (or HR user) that issued the command
 * @param reversesKey    for {@link Type#REVERSE}: the idempotency key of the award taken back; otherwise null
 * @param targetKey      the idempotency key of the entry a decision is about: for {@link Type#APPROVE_HELD} and
 *                       {@link Type#REJECT_HELD} the {@link Type#HOLD}, for {@link Type#SETTLE_PAYOUT} and
 *                       {@link Type#FAIL_PAYOUT} the {@link Type#REDEEM}; otherwise null
 */
public record AwardCommand(
        String commandId,
        String idempotencyKey,
        Type type,
        long memberVkId,
        long points,
        String ruleId,
        int ruleVersion,
        String reason,
        String source,
        Instant issuedAt,
        String reversesKey,
        String targetKey) {

    /** An award or a hold (nothing referred to). */
    public AwardCommand(String commandId, String idempotencyKey, Type type, long memberVkId, long points, String ruleId,
                        int ruleVersion, String reason, String source, Instant issuedAt) {
        this(commandId, idempotencyKey, type, memberVkId, points, ruleId, ruleVersion, reason, source, issuedAt, null,
                null);
    }

    /** A reversal of the entry posted under {@code reversesKey}. */
    public AwardCommand(String commandId, String idempotencyKey, Type type, long memberVkId, long points, String ruleId,
                        int ruleVersion, String reason, String source, Instant issuedAt, String reversesKey) {
        this(commandId, idempotencyKey, type, memberVkId, points, ruleId, ruleVersion, reason, source, issuedAt,
                reversesKey, null);
    }

    public enum Type {
        /** Credit the member from the issuance account. */
        AWARD,
        /**
         * Take back the award posted under {@code reversesKey}, with a reversal entry that refers to it. A held award
         * not yet decided is rejected instead; an approved one has its approval reversed.
         */
        REVERSE,
        /** Hold the points for HR's decision (two-phase): pending for the member, not spendable. */
        HOLD,
        /** HR approved the hold under {@code targetKey}: its points become available to the member. */
        APPROVE_HELD,
        /** HR rejected the hold under {@code targetKey}, or it expired: its points return to issuance. */
        REJECT_HELD,
        /** The member redeems points into the Spasibo program: they move to redemption clearing at once. */
        REDEEM,
        /** The Spasibo program paid the redemption under {@code targetKey}: clearing to payouts settled. */
        SETTLE_PAYOUT,
        /** The payout of the redemption under {@code targetKey} failed: its points return to the member. */
        FAIL_PAYOUT
    }
}
