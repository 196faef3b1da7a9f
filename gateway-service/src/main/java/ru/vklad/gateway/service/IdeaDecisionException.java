package ru.vklad.gateway.service;

/** An idea decision that cannot be taken, and why. */
public class IdeaDecisionException extends RuntimeException {

    public enum Reason {
        UNKNOWN_IDEA, ALREADY_DECIDED, POINTS_OUT_OF_RANGE
    }

    private final Reason reason;

    public IdeaDecisionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
