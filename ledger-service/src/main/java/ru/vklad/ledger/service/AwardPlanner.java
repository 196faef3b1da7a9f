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

    public static EntryDraft plan(AwardCommand command) {
        if (command.type() != AwardCommand.Type.AWARD) {
            throw new CommandRejectedException("unsupported command type " + command.type());
        }
        validateCommon(command);
        require(command.points() > 0, "points must be positive, got " + command.points());
        return new EntryDraft(command.idempotencyKey(), command.commandId(), fingerprint(command), "award",
                command.ruleId(), command.ruleVersion(), command.reason(),
                List.of(new Posting(AccountCodes.ISSUANCE, -command.points()),
                        new Posting(AccountCodes.member(command.memberVkId()), command.points())));
    }

    /** Checks a reversal command; the entry itself is derived from the original inside the transaction. */
    public static void validateReversal(AwardCommand command) {
        require(command.type() == AwardCommand.Type.REVERSE, "not a reversal");
        validateCommon(command);
        require(command.reversesKey() != null && !command.reversesKey().isBlank(), "reversesKey is missing");
        require(!command.reversesKey().equals(command.idempotencyKey()), "a reversal needs its own idempotency key");
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
        String canonical = command.type() == AwardCommand.Type.REVERSE
                ? String.join("|", String.valueOf(command.type()), String.valueOf(command.memberVkId()),
                        command.reversesKey())
                : String.join("|", String.valueOf(command.type()), String.valueOf(command.memberVkId()),
                        String.valueOf(command.points()), String.valueOf(command.ruleId()),
                        String.valueOf(command.ruleVersion()));
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
