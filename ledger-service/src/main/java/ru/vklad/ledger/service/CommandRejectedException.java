package ru.vklad.ledger.service;

/** A command the ledger refuses; its message is the reason published with the outcome. */
public class CommandRejectedException extends RuntimeException {

    public CommandRejectedException(String reason) {
        super(reason);
    }
}
