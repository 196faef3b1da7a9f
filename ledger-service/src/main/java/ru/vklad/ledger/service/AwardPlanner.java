package ru.vklad.ledger.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import ru.vklad.events.AwardCommand;

/** Turns an award command into the entry it asks for, or says why it cannot be posted. No I/O. */
public final class AwardPlanner {

    private AwardPlanner() {
    }

    /** @param issuance the account the points come from ({@link AccountCodes#issuance}) */
    public static EntryDraft plan(AwardCommand command, String issuance) {
        if (command.type() != AwardCommand.Type.AWARD) {
            throw new CommandRejectedException("unsupported command type " + command.type());
        }
        validateCommon(command);
        require(command.points() > 0, "points must be positive, got " + command.points());
        return new EntryDraft(command.idempotencyKey(), command.commandId(), fingerprint(command), EntryKinds.AWARD,
                command.ruleId(), command.ruleVersion(), command.reason(),
                List.of(new Posting(issuance, -command.points()),
                        new Posting(AccountCodes.member(command.memberVkId()), command.points())));
    }

    /** Points held for HR's decision: out of issuance into the member's pending account. */
    public static EntryDraft hold(AwardCommand command, String issuance) {
        validateCommon(command);
        require(command.points() > 0, "points must be positive, got " + command.points());
        return new EntryDraft(command.idempotencyKey(), command.commandId(), fingerprint(command), EntryKinds.HOLD,
                command.ruleId(), command.ruleVersion(), command.reason(),
                List.of(new Posting(issuance, -command.points()),
                        new Posting(AccountCodes.held(command.memberVkId()), command.points())));
    }

    /**
     * HR's decision on a hold of {@code held} points: approved, they move from pending to available; rejected
     * (or expired), they return to the issuance account of the hold.
     */
    public static EntryDraft resolveHold(AwardCommand command, EntryDraft hold, long holdEntryId, long held) {
        boolean approved = command.type() == AwardCommand.Type.APPROVE_HELD;
        return new EntryDraft(command.idempotencyKey(), command.commandId(), fingerprint(command),
                approved ? EntryKinds.HOLD_APPROVED : EntryKinds.HOLD_REJECTED, hold.ruleId(), hold.ruleVersion(),
                command.reason(),
                List.of(new Posting(AccountCodes.held(command.memberVkId()), -held),
                        new Posting(approved ? AccountCodes.member(command.memberVkId()) : hold.issuanceAccount(), held)),
                null, holdEntryId);
    }

    /** Points from the member into redemption clearing. */
    public static EntryDraft redeem(AwardCommand command) {
        validateCommon(command);
        require(command.points() > 0, "points must be positive, got " + command.points());
        return new EntryDraft(command.idempotencyKey(), command.commandId(), fingerprint(command), EntryKinds.REDEMPTION,
                command.ruleId(), command.ruleVersion(), command.reason(),
                List.of(new Posting(AccountCodes.member(command.memberVkId()), -command.points()),
                        new Posting(AccountCodes.REDEMPTION_CLEARING, command.points())));
    }

    /** Out of clearing: to payouts settled when the program paid, back to the member when it did not. */
    public static EntryDraft decidePayout(AwardCommand command, long redemptionEntryId, long points) {
        boolean settled = command.type() == AwardCommand.Type.SETTLE_PAYOUT;
        return new EntryDraft(command.idempotencyKey(), command.commandId(), fingerprint(command),
                settled ? EntryKinds.PAYOUT_SETTLED : EntryKinds.PAYOUT_FAILED, command.ruleId(), command.ruleVersion(),
                command.reason(),
                List.of(new Posting(AccountCodes.REDEMPTION_CLEARING, -points),
                        new Posting(settled ? AccountCodes.PAYOUTS_SETTLED : AccountCodes.member(command.memberVkId()),
                                points)),
                null, redemptionEntryId);
    }

    /**
     * Takes {@code credited} points back from the member to the issuance account of {@code award} (an award, or
     * an approved hold), referring to the entry that gave them.
     */
    public static EntryDraft takeBack(AwardCommand command, EntryDraft award, long creditingEntryId, long credited) {
        return new EntryDraft(command.idempotencyKey(), command.commandId(), fingerprint(command), EntryKinds.REVERSAL,
                award.ruleId(), award.ruleVersion(), command.reason(),
                List.of(new Posting(AccountCodes.member(command.memberVkId()), -credited),
                        new Posting(award.issuanceAccount(), credited)),
                creditingEntryId, null);
    }

    /** Checks a command that refers to an earlier entry; its entry is derived from that one in the batch. */
    public static String validateReference(AwardCommand command) {
        validateCommon(command);
        boolean reversal = command.type() == AwardCommand.Type.REVERSE;
        String key = reversal ? command.reversesKey() : command.targetKey();
        String field = reversal ? "reversesKey" : "targetKey";
        require(key != null && !key.isBlank(), field + " is missing");
        require(!key.equals(command.idempotencyKey()), "the command needs its own idempotency key, not its " + field);
        return key;
    }

    private static void validateCommon(AwardCommand command) {
        require(command.commandId() != null && !command.commandId().isBlank(), "commandId is missing");
        require(command.idempotencyKey() != null && !command.idempotencyKey().isBlank(), "idempotencyKey is missing");
        require(command.idempotencyKey().length() <= 200, "idempotencyKey is longer than 200 characters");
        require(command.memberVkId() > 0, "memberVkId must be a positive VK user id");
        require(command.reason() != null && !command.reason().isBlank(), "reason is missing");
    }

    /**
     * What makes two commands with one idempotency key the same business fact. The command id and the reason's
     * wording may differ between retries; who gets how much, under which rule, may not.
     */
    public static String fingerprint(AwardCommand command) {
        String canonical = switch (command.type()) {
            case REVERSE -> String.join("|", String.valueOf(command.type()), String.valueOf(command.memberVkId()),
                    command.reversesKey());
            case APPROVE_HELD, REJECT_HELD, SETTLE_PAYOUT, FAIL_PAYOUT -> String.join("|", String.valueOf(command.type()),
                    String.valueOf(command.memberVkId()), command.targetKey());
            case AWARD, HOLD, REDEEM -> String.join("|", String.valueOf(command.type()), String.valueOf(command.memberVkId()),
                    String.valueOf(command.points()), String.valueOf(command.ruleId()),
                    String.valueOf(command.ruleVersion()));
        };
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new CommandRejectedException(reason);
        }
    }
}
