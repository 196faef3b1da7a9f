package ru.vklad.ledger.persistence;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Proves the ledger's invariants over the whole journal, in one repeatable-read snapshot. Each check is a query
 * that returns one row per violation, so a healthy ledger returns nothing at all.
 */
@ApplicationScoped
public class LedgerAudit {

    public record Violation(@Schema(examples = "entry balanced") String invariant,
                            @Schema(examples = "entry 10482: 1 postings summing to 5") String detail) {
    }

    private record Check(String invariant, String sql) {
    }

    private static final List<Check> CHECKS = List.of(
            new Check("entry balanced", """
                    SELECT 'entry ' || e.id || ': ' || count(p.*) || ' postings summing to ' || coalesce(sum(p.amount), 0)
                    FROM journal_entry e LEFT JOIN posting p ON p.entry_id = e.id
                    GROUP BY e.id HAVING coalesce(sum(p.amount), 0) <> 0 OR count(p.*) < 2"""),
            new Check("ledger sums to zero", """
                    SELECT 'all postings sum to ' || sum(amount) FROM posting HAVING sum(amount) <> 0"""),
            new Check("balance equals postings", """
                    SELECT a.code || ': balance ' || coalesce(b.balance, 0) || ', postings ' || coalesce(s.total, 0)
                    FROM account a
                    LEFT JOIN member_balance b ON b.account_id = a.id
                    LEFT JOIN (SELECT account_id, sum(amount) AS total FROM posting GROUP BY account_id) s
                           ON s.account_id = a.id
                    WHERE a.kind = 'member' AND coalesce(b.balance, 0) <> coalesce(s.total, 0)"""),
            new Check("member account not negative", """
                    SELECT a.code || ': ' || b.balance FROM member_balance b JOIN account a ON a.id = b.account_id
                    WHERE b.balance < 0"""),
            new Check("pending points not negative", """
                    SELECT a.code || ': ' || sum(p.amount) FROM account a JOIN posting p ON p.account_id = a.id
                    WHERE a.code LIKE 'held:%' GROUP BY a.code HAVING sum(p.amount) < 0"""),
            new Check("redemption recorded as posted", """
                    SELECT 'entry ' || e.id || ': ' || coalesce(r.points::text, 'no redemption row') || ' against '
                           || coalesce(-p.amount, 0) || ' points posted'
                    FROM journal_entry e
                    JOIN posting p ON p.entry_id = e.id
                    JOIN account a ON a.id = p.account_id AND a.code LIKE 'member:%'
                    LEFT JOIN redemption r ON r.entry_id = e.id
                    WHERE e.kind = 'redemption' AND (r.entry_id IS NULL OR r.points <> -p.amount)"""),
            new Check("clearing equals open redemptions", """
                    SELECT 'clearing holds ' || c.total || ', open redemptions ' || o.total
                    FROM (SELECT coalesce(sum(p.amount), 0) AS total FROM posting p JOIN account a ON a.id = p.account_id
                          WHERE a.code = 'system:redemption-clearing') c,
                         (SELECT coalesce(sum(r.points), 0) AS total FROM redemption r
                          WHERE NOT EXISTS (SELECT 1 FROM journal_entry d WHERE d.decides_entry_id = r.entry_id)) o
                    WHERE c.total <> o.total"""),
            new Check("outbox published", """
                    SELECT count(*) || ' events unpublished for more than a minute' FROM outbox
                    WHERE created_at < now() - interval '1 minute' HAVING count(*) > 0"""));

    private final Pool pool;

    public LedgerAudit(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Violation>> check() {
        return pool.withTransaction(connection -> connection
                .query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute()
                .chain(() -> Multi.createFrom().iterable(CHECKS)
                        .onItem().transformToUniAndConcatenate(check -> connection.query(check.sql()).execute()
                                .map(rows -> {
                                    List<Violation> found = new ArrayList<>();
                                    for (Row row : rows) {
                                        found.add(new Violation(check.invariant(), row.getString(0)));
                                    }
                                    return found;
                                }))
                        .collect().asList()
                        .map(lists -> lists.stream().flatMap(List::stream).toList())));
    }
}
