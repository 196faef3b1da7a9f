package ru.vklad.ledger.service;

import io.vertx.pgclient.PgException;

/** The database's refusals of a command, said in the words an HR user reads in the command's outcome. */
final class RefusalReasons {

    private RefusalReasons() {
    }

    static String explain(PgException refusal) {
        String constraint = String.valueOf(refusal.getConstraint());
        if ("23505".equals(refusal.getSqlState()) && constraint.contains("reverses_entry_id")) {
            return "that entry was already reversed";
        }
        if ("23505".equals(refusal.getSqlState()) && constraint.contains("decides_entry_id")) {
            return "that held award or payout was already decided";
        }
        if ("23514".equals(refusal.getSqlState()) && constraint.contains("member_balance")) {
            return LedgerBatch.BELOW_ZERO;
        }
        return "refused by the ledger database: " + refusal.getErrorMessage();
    }
}
