package ru.vklad.ledger.service;

/** One side of a journal entry: a signed amount of points on an account (credit positive, debit negative). */
public record Posting(String accountCode, long amount) {

    public Posting {
        if (accountCode == null || accountCode.isBlank()) {
            throw new IllegalArgumentException("a posting needs an account");
        }
        if (amount == 0) {
            throw new IllegalArgumentException("a posting of zero points to " + accountCode + " means nothing");
        }
    }
}
