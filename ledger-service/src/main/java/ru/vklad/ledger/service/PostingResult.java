package ru.vklad.ledger.service;

/** What posting an entry did: a new entry, or the one already posted under the same idempotency key. */
public record PostingResult(boolean duplicate, long entryId, Long memberBalance) {

    public static PostingResult posted(long entryId, Long memberBalance) {
        return new PostingResult(false, entryId, memberBalance);
    }

    public static PostingResult duplicate(long entryId, Long memberBalance) {
        return new PostingResult(true, entryId, memberBalance);
    }
}
