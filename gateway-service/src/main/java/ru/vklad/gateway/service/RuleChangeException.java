package ru.vklad.gateway.service;

/** A rule change outside the rule's range, in the past, or for a rule that does not exist. */
public class RuleChangeException extends RuntimeException {

    private final boolean unknownRule;

    public RuleChangeException(String message, boolean unknownRule) {
        super(message);
        this.unknownRule = unknownRule;
    }

    public boolean unknownRule() {
        return unknownRule;
    }
}
