package ru.vklad.ledger.service;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A journal entry about to be posted. It cannot be built unbalanced: two or more postings on distinct accounts
 * that sum to zero.
 *
 * @param reversesEntryId for a reversal, the entry it takes back
 */
public record EntryDraft(
        String idempotencyKey,
        String commandId,
        String commandFingerprint,
        String kind,
        String ruleId,
        Integer ruleVersion,
        String reason,
        List<Posting> postings,
        Long reversesEntryId) {

    public EntryDraft(String idempotencyKey, String commandId, String commandFingerprint, String kind, String ruleId,
                      Integer ruleVersion, String reason, List<Posting> postings) {
        this(idempotencyKey, commandId, commandFingerprint, kind, ruleId, ruleVersion, reason, postings, null);
    }

    /** The entry that takes this one back: the same postings with opposite signs. */
    public EntryDraft reversal(String key, String command, String fingerprint, String why, long thisEntryId) {
        return new EntryDraft(key, command, fingerprint, "reversal", ruleId, ruleVersion, why,
                postings.stream().map(p -> new Posting(p.accountCode(), -p.amount())).toList(), thisEntryId);
    }

    public EntryDraft {
        postings = List.copyOf(postings);
        if (postings.size() < 2) {
            throw new IllegalArgumentException("an entry needs at least two postings");
        }
        long sum = 0;
        Set<String> accounts = new HashSet<>();
        for (Posting posting : postings) {
            sum = Math.addExact(sum, posting.amount());
            if (!accounts.add(posting.accountCode())) {
                throw new IllegalArgumentException("account " + posting.accountCode() + " posted twice in one entry");
            }
        }
        if (sum != 0) {
            throw new IllegalArgumentException("postings sum to " + sum + ", not zero");
        }
    }
}
