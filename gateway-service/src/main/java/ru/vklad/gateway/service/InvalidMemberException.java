package ru.vklad.gateway.service;

/** A member change that conflicts with the directory or is not valid; names the field at fault. */
public class InvalidMemberException extends RuntimeException {

    private final String field;

    public InvalidMemberException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
