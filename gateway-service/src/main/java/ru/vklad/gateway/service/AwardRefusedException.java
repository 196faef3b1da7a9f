package ru.vklad.gateway.service;

/** A manual award that cannot be submitted as asked; {@code field} names what to fix. */
public class AwardRefusedException extends RuntimeException {

    public enum Reason { INVALID, UNKNOWN_MEMBER, KEY_REUSED }

    private final Reason reason;
    private final String field;

    public AwardRefusedException(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
