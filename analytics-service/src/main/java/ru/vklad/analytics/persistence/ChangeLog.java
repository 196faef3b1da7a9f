package ru.vklad.analytics.persistence;

/**
 * The log of daily changes ({@code points_change}): which member days each transaction changed, read by its readers
 * (the in-memory copy, the rollups' fold) against the PostgreSQL snapshot they last read at.
 */
final class ChangeLog {

    private ChangeLog() {
    }

    /**
     * SQL: the change's transaction {@code txid} is not visible in {@code snapshot} (it committed after the snapshot
     * was taken, or was still running then). The lower bound alone lets the log's txid index narrow the scan.
     */
    static String unseenBy(String txid, String snapshot) {
        return "%1$s >= pg_snapshot_xmin(%2$s) AND NOT pg_visible_in_snapshot(%1$s, %2$s)".formatted(txid, snapshot);
    }
}
