package ru.vklad.ledger.service;

/** What an entry did, as stored in {@code journal_entry.kind} and told in {@code LedgerEvent.entryKind}. */
public final class EntryKinds {

    public static final String AWARD = "award";
    public static final String REVERSAL = "reversal";
    public static final String HOLD = "hold";
    public static final String HOLD_APPROVED = "hold_approved";
    public static final String HOLD_REJECTED = "hold_rejected";

    private EntryKinds() {
    }
}
