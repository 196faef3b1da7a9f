package ru.vklad.ledger.service;

/** What an entry did, as stored in {@code journal_entry.kind} and told in {@code LedgerEvent.entryKind}. */
public final class EntryKinds {

    public static final String AWARD = "award";
    public static final String REVERSAL = "reversal";
    public static final String HOLD = "hold";
    public static final String HOLD_APPROVED = "hold_approved";
    public static final String HOLD_REJECTED = "hold_rejected";
    public static final String REDEMPTION = "redemption";
    public static final String PAYOUT_SETTLED = "payout_settled";
    public static final String PAYOUT_FAILED = "payout_failed";

    private EntryKinds() {
    }

    /** Entries that issue points to members (or take issued points back): what budgets count. */
    public static boolean countsAgainstBudget(String kind) {
        return AWARD.equals(kind) || HOLD_APPROVED.equals(kind) || REVERSAL.equals(kind);
    }
}
