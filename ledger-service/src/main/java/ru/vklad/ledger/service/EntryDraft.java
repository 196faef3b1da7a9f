package ru.vklad.ledger.service;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A journal entry about to be posted. It cannot be built unbalanced: two or more postings on distinct accounts
 * that sum to zero.
 *
 * @param reversesEntryId for a reversal, the entry it takes back
 * @param decidesEntryId  for an approval or rejection of a hold, the hold it decides; for a settled or failed
 *                        payout, the redemption
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
        Long reversesEntryId,
        Long decidesEntryId) {

    public EntryDraft(String idempotencyKey, String commandId, String commandFingerprint, String kind, String ruleId,
                      Integer ruleVersion, String reason, List<Posting> postings) {
        this(idempotencyKey, commandId, commandFingerprint, kind, ruleId, ruleVersion, reason, postings, null, null);
    }

    /** The amount this entry puts on (positive) or takes from (negative) one account, 0 when it does not touch it. */
    public long amountOn(String accountCode) {
        return postings.stream().filter(p -> p.accountCode().equals(accountCode)).mapToLong(Posting::amount).sum();
    }

    /** The issuance account this entry draws on or returns to; the company-wide one when it touches none. */
    public String issuanceAccount() {
        return postings.stream().map(Posting::accountCode).filter(AccountCodes::isIssuance).findFirst()
                .orElse(AccountCodes.ISSUANCE);
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
