package ru.vklad.ledger.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The ledger's time: when batches are decided (and so when entries are posted), when holds expire and whether a
 * month is over for its payout registry. One bean, so a test can move the whole ledger to another month.
 */
@ApplicationScoped
public class LedgerClock {

    public Instant now() {
        return Instant.now();
    }
}
