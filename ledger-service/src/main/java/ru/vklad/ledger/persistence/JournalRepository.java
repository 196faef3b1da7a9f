package ru.vklad.ledger.persistence;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.events.AwardCommand;
import ru.vklad.events.LedgerEvent;
import ru.vklad.ledger.config.LedgerConfig;
import ru.vklad.ledger.service.AccountCodes;
import ru.vklad.ledger.service.EntryDraft;
import ru.vklad.ledger.service.LedgerBatch;
import ru.vklad.ledger.service.Posting;
import ru.vklad.ledger.service.RedemptionPolicy;

/**
 * Group commit: a batch of commands is decided and written in one transaction with a fixed number of set-based
 * statements, whatever its size. The issuance account every award draws on has no balance row, so there is no
 * hot row to queue on; member balance rows of the batch are locked in account order, so two replicas never
 * deadlock. The database's constraints and triggers re-check every invariant the batch decided in code.
 */
@ApplicationScoped
public class JournalRepository {

    private final Pool pool;
    private final Accounts accounts;
    private final Outbox outbox;
    private final BudgetUsage budgets;
    private final ZoneId zone;
    private final RedemptionPolicy policy;

    public JournalRepository(Pool pool, Accounts accounts, Outbox outbox, BudgetUsage budgets, LedgerConfig config) {
        this.pool = pool;
        this.accounts = accounts;
        this.outbox = outbox;
        this.budgets = budgets;
        this.zone = config.budgets().zone();
        this.policy = new RedemptionPolicy(config.redemption().minimumPoints(), config.redemption().rubPerPoint());
    }

    /** Decides and writes the batch, its entries, balances and outcomes, all or nothing. */
    public Uni<LedgerBatch.Result> post(List<AwardCommand> commands, Instant now) {
        List<String> members = LedgerBatch.accountsToLoad(commands);
        return accounts.ids(members).chain(memberIds -> pool.withTransaction(connection -> reserveIds(connection,
                        commands.size())
                .chain(ids -> loadEntries(connection, commands)
                        .chain(entries -> lockBalances(connection, memberIds)
                                .chain(balances -> pendingPoints(connection, LedgerBatch.pendingAccountsToLoad(commands))
                                        .chain(pending -> budgets.lock(connection, YearMonth.from(now.atZone(zone)),
                                                        LedgerBatch.membersToBudget(commands))
                                                .map(book -> LedgerBatch.decide(commands,
                                                        new LedgerBatch.Snapshot(entries, balances, pending, book),
                                                        ids.iterator()::next, now, policy))))))
                .call(result -> write(connection, result, now))));
    }

    /** Records a command the batch path could not decide, with its outcome, on its own. */
    public Uni<Void> reject(LedgerEvent rejection) {
        return pool.withTransaction(connection -> outbox.add(connection, List.of(rejection))
                .chain(() -> recordOutcomes(connection, List.of(rejection))));
    }

    private static Uni<List<Long>> reserveIds(SqlConnection connection, int count) {
        return connection.preparedQuery("SELECT nextval('journal_entry_id_seq') FROM generate_series(1, $1)")
                .execute(Tuple.of(count))
                .map(rows -> {
                    List<Long> ids = new ArrayList<>(count);
                    rows.forEach(row -> ids.add(row.getLong(0)));
                    return ids;
                });
    }

    /**
     * The entries already posted under the batch's keys. Only the entries it reverses or decides are read whole
     * (their postings, whether they were reversed or decided); every other key needs just its id and fingerprint. Two
     * narrow queries keep the plan on the indexes however large the journal grows.
     */
    private static Uni<Map<String, LedgerBatch.Existing>> loadEntries(SqlConnection connection,
                                                                    List<AwardCommand> commands) {
        return connection.preparedQuery("""
                        SELECT id, idempotency_key, command_fingerprint, kind, reverses_entry_id FROM journal_entry
                        WHERE idempotency_key = ANY($1)""")
                .execute(Tuple.of(LedgerBatch.keysToLoad(commands).toArray(String[]::new)))
                .chain(rows -> {
                    Map<String, LedgerBatch.Existing> entries = new HashMap<>();
                    for (Row row : rows) {
                        entries.put(row.getString("idempotency_key"), new LedgerBatch.Existing(row.getLong("id"),
                                row.getString("command_fingerprint"), row.getString("kind"),
                                row.getLong("reverses_entry_id"), false, null, null));
                    }
                    Long[] originals = LedgerBatch.referencedKeys(commands).stream().filter(entries::containsKey)
                            .map(key -> entries.get(key).entryId()).distinct().toArray(Long[]::new);
                    return originals.length == 0 ? Uni.createFrom().item(entries)
                            : loadOriginals(connection, originals).map(loaded -> {
                                entries.putAll(loaded);
                                return entries;
                            });
                });
    }

    private static Uni<Map<String, LedgerBatch.Existing>> loadOriginals(SqlConnection connection, Long[] ids) {
        return connection.preparedQuery("""
                        SELECT e.id, e.idempotency_key, e.command_id, e.command_fingerprint, e.kind, e.rule_id,
                               e.rule_version, e.reason, e.reverses_entry_id,
                               EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses_entry_id = e.id) AS reversed,
                               d.id AS decided_by, d.kind AS decision,
                               EXISTS (SELECT 1 FROM redemption l WHERE l.entry_id = e.id AND l.registry_id IS NOT NULL)
                                   AS listed,
                               EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses_entry_id = d.id) AS decision_reversed,
                               ARRAY(SELECT a.code FROM posting p JOIN account a ON a.id = p.account_id
                                     WHERE p.entry_id = e.id ORDER BY a.code) AS codes,
                               ARRAY(SELECT p.amount FROM posting p JOIN account a ON a.id = p.account_id
                                     WHERE p.entry_id = e.id ORDER BY a.code) AS amounts
                        FROM journal_entry e LEFT JOIN journal_entry d ON d.decides_entry_id = e.id
                        WHERE e.id = ANY($1)""")
                .execute(Tuple.of(ids))
                .map(rows -> {
                    Map<String, LedgerBatch.Existing> entries = new HashMap<>();
                    for (Row row : rows) {
                        String[] codes = row.getArrayOfStrings("codes");
                        Long[] amounts = row.getArrayOfLongs("amounts");
                        List<Posting> postings = new ArrayList<>(codes.length);
                        for (int i = 0; i < codes.length; i++) {
                            postings.add(new Posting(codes[i], amounts[i]));
                        }
                        String key = row.getString("idempotency_key");
                        EntryDraft draft = new EntryDraft(key, row.getString("command_id"),
                                row.getString("command_fingerprint"), row.getString("kind"), row.getString("rule_id"),
                                row.getInteger("rule_version"), row.getString("reason"), postings,
                                row.getLong("reverses_entry_id"), null);
                        LedgerBatch.Resolution decision = row.getLong("decided_by") == null ? null
                                : new LedgerBatch.Resolution(row.getLong("decided_by"), row.getString("decision"),
                                        row.getBoolean("decision_reversed"));
                        entries.put(key, new LedgerBatch.Existing(row.getLong("id"), row.getString("command_fingerprint"),
                                row.getString("kind"), row.getLong("reverses_entry_id"), row.getBoolean("reversed"),
                                draft, decision, row.getBoolean("listed")));
                    }
                    return entries;
                });
    }

    /** Reads and locks the balance rows of the batch's members, in account order. */
    private static Uni<Map<String, Long>> lockBalances(SqlConnection connection, Map<String, Long> memberIds) {
        Map<Long, String> codes = new HashMap<>();
        memberIds.forEach((code, id) -> codes.put(id, code));
        Long[] ids = memberIds.values().stream().sorted().toArray(Long[]::new);
        return connection.preparedQuery("""
                        SELECT account_id, balance FROM member_balance WHERE account_id = ANY($1)
                        ORDER BY account_id FOR UPDATE""")
                .execute(Tuple.of(ids))
                .map(rows -> {
                    Map<String, Long> balances = new HashMap<>();
                    rows.forEach(row -> balances.put(codes.get(row.getLong("account_id")), row.getLong("balance")));
                    return balances;
                });
    }

    /**
     * Members' pending points, summed from the postings of their held accounts. Each hold is decided once, so
     * concurrent batches cannot spend the same pending points twice; the sum is what the outcome reports.
     */
    private static Uni<Map<String, Long>> pendingPoints(SqlConnection connection, List<String> heldAccounts) {
        if (heldAccounts.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return connection.preparedQuery("""
                        SELECT a.code, coalesce(sum(p.amount), 0) FROM account a LEFT JOIN posting p ON p.account_id = a.id
                        WHERE a.code = ANY($1) GROUP BY a.code""")
                .execute(Tuple.of(heldAccounts.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Long> pending = new HashMap<>();
                    heldAccounts.forEach(code -> pending.put(code, 0L));
                    rows.forEach(row -> pending.put(row.getString(0), row.getLong(1)));
                    return pending;
                });
    }

    private Uni<Void> write(SqlConnection connection, LedgerBatch.Result result, Instant now) {
        Set<String> codes = new HashSet<>(result.balanceChanges().keySet());
        result.entries().forEach(entry -> entry.draft().postings().forEach(p -> codes.add(p.accountCode())));
        // Postings before their entries: the entries' statement-level check finds each entry's postings in place.
        return accounts.ids(codes).chain(ids -> insertPostings(connection, result.entries(), ids)
                .chain(() -> insertEntries(connection, result.entries(), now))
                .chain(() -> changeBalances(connection, result.balanceChanges(), ids))
                .chain(() -> outbox.add(connection, result.outcomes()))
                .chain(() -> recordOutcomes(connection, result.outcomes()))
                .chain(() -> budgets.record(connection, result.month(), result.budgetChanges()))
                .chain(() -> insertRedemptions(connection, result)));
    }

    /** Redemptions for the payout registry, in the month (company calendar) they were made. */
    private static Uni<Void> insertRedemptions(SqlConnection connection, LedgerBatch.Result result) {
        if (result.redemptions().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<LedgerBatch.NewRedemption> redemptions = result.redemptions();
        return connection.preparedQuery("""
                        INSERT INTO redemption (entry_id, member_vk_id, points, rub_per_point, amount_kopecks, month)
                        SELECT e, m, p, r::numeric, k, $6 FROM unnest($1::bigint[], $2::bigint[], $3::bigint[],
                                                                       $4::text[], $5::bigint[]) AS x (e, m, p, r, k)""")
                .execute(Tuple.tuple()
                        .addArrayOfLong(redemptions.stream().map(LedgerBatch.NewRedemption::entryId).toArray(Long[]::new))
                        .addArrayOfLong(redemptions.stream().map(LedgerBatch.NewRedemption::memberVkId).toArray(Long[]::new))
                        .addArrayOfLong(redemptions.stream().map(LedgerBatch.NewRedemption::points).toArray(Long[]::new))
                        .addArrayOfString(redemptions.stream().map(r -> r.rubPerPoint().toPlainString())
                                .toArray(String[]::new))
                        .addArrayOfLong(redemptions.stream().map(LedgerBatch.NewRedemption::amountKopecks)
                                .toArray(Long[]::new))
                        .addLocalDate(result.month().atDay(1)))
                .replaceWithVoid();
    }

        /**
     * Every entry of a batch is posted at the batch's decision time, the instant its events report too, so an
     * entry's month (budgets, payout registries) is the same wherever it is read.
     */
    private static Uni<Void> insertEntries(SqlConnection connection, List<LedgerBatch.NewEntry> entries, Instant now) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = entries.size();
        Long[] ids = new Long[n];
        String[] keys = new String[n];
        String[] commands = new String[n];
        String[] fingerprints = new String[n];
        String[] kinds = new String[n];
        String[] rules = new String[n];
        Integer[] versions = new Integer[n];
        String[] reasons = new String[n];
        Long[] reverses = new Long[n];
        Long[] resolves = new Long[n];
        for (int i = 0; i < n; i++) {
            EntryDraft draft = entries.get(i).draft();
            ids[i] = entries.get(i).id();
            keys[i] = draft.idempotencyKey();
            commands[i] = draft.commandId();
            fingerprints[i] = draft.commandFingerprint();
            kinds[i] = draft.kind();
            rules[i] = draft.ruleId();
            versions[i] = draft.ruleVersion();
            reasons[i] = draft.reason();
            reverses[i] = draft.reversesEntryId();
            resolves[i] = draft.decidesEntryId();
        }
        return connection.preparedQuery("""
                        INSERT INTO journal_entry (id, idempotency_key, command_id, command_fingerprint, kind, rule_id,
                                                   rule_version, reason, reverses_entry_id, decides_entry_id, posted_at)
                        SELECT *, $11 FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[],
                                                  $6::text[], $7::int[], $8::text[], $9::bigint[], $10::bigint[])""")
                .execute(Tuple.tuple().addArrayOfLong(ids).addArrayOfString(keys).addArrayOfString(commands)
                        .addArrayOfString(fingerprints).addArrayOfString(kinds).addArrayOfString(rules)
                        .addArrayOfInteger(versions).addArrayOfString(reasons).addArrayOfLong(reverses)
                        .addArrayOfLong(resolves).addOffsetDateTime(now.atOffset(java.time.ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    private static Uni<Void> insertPostings(SqlConnection connection, List<LedgerBatch.NewEntry> entries,
                                            Map<String, Long> accountIds) {
        List<Long> entryIds = new ArrayList<>();
        List<Long> accountColumn = new ArrayList<>();
        List<Long> amounts = new ArrayList<>();
        for (LedgerBatch.NewEntry entry : entries) {
            for (Posting posting : entry.draft().postings()) {
                entryIds.add(entry.id());
                accountColumn.add(accountIds.get(posting.accountCode()));
                amounts.add(posting.amount());
            }
        }
        if (entryIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // One statement for all postings: the statement-level balance trigger sees every entry whole.
        return connection.preparedQuery("""
                        INSERT INTO posting (entry_id, account_id, amount)
                        SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[])""")
                .execute(Tuple.tuple().addArrayOfLong(entryIds.toArray(Long[]::new))
                        .addArrayOfLong(accountColumn.toArray(Long[]::new)).addArrayOfLong(amounts.toArray(Long[]::new)))
                .replaceWithVoid();
    }

    /**
     * Credits upsert the balance row; debits update it, since PostgreSQL checks {@code balance >= 0} on the row an
     * upsert proposes before it sees the conflict. Rows change in account order; the check constraint refuses a
     * balance below zero whatever the batch decided.
     */
    private static Uni<Void> changeBalances(SqlConnection connection, Map<String, Long> changes,
                                            Map<String, Long> accountIds) {
        List<Long> creditIds = new ArrayList<>();
        List<Long> credits = new ArrayList<>();
        List<Long> debitIds = new ArrayList<>();
        List<Long> debits = new ArrayList<>();
        changes.entrySet().stream()
                .filter(change -> change.getValue() != 0)
                .sorted(Map.Entry.comparingByKey((a, b) -> Long.compare(accountIds.get(a), accountIds.get(b))))
                .forEach(change -> {
                    boolean credit = change.getValue() > 0;
                    (credit ? creditIds : debitIds).add(accountIds.get(change.getKey()));
                    (credit ? credits : debits).add(change.getValue());
                });
        Uni<Void> credited = creditIds.isEmpty() ? Uni.createFrom().voidItem() : connection.preparedQuery("""
                        INSERT INTO member_balance (account_id, balance)
                        SELECT * FROM unnest($1::bigint[], $2::bigint[])
                        ON CONFLICT (account_id) DO UPDATE SET balance = member_balance.balance + EXCLUDED.balance""")
                .execute(Tuple.tuple().addArrayOfLong(creditIds.toArray(Long[]::new))
                        .addArrayOfLong(credits.toArray(Long[]::new)))
                .replaceWithVoid();
        if (debitIds.isEmpty()) {
            return credited;
        }
        return credited.chain(() -> connection.preparedQuery("""
                        UPDATE member_balance b SET balance = b.balance + d.change
                        FROM unnest($1::bigint[], $2::bigint[]) AS d (account_id, change)
                        WHERE b.account_id = d.account_id""")
                .execute(Tuple.tuple().addArrayOfLong(debitIds.toArray(Long[]::new))
                        .addArrayOfLong(debits.toArray(Long[]::new)))
                .invoke(rows -> {
                    if (rows.rowCount() != debitIds.size()) {
                        throw new IllegalStateException("a debit found no balance row: the batch and the ledger disagree");
                    }
                })
                .replaceWithVoid());
    }

    private static Uni<Void> recordOutcomes(SqlConnection connection, List<LedgerEvent> events) {
        List<LedgerEvent> outcomes = events.stream()
                .filter(event -> event.type() != LedgerEvent.Type.BUDGET_EXCEEDED).toList();
        int n = outcomes.size();
        String[] commands = new String[n];
        String[] types = new String[n];
        String[] keys = new String[n];
        Long[] entries = new Long[n];
        Long[] members = new Long[n];
        Long[] points = new Long[n];
        String[] reasons = new String[n];
        for (int i = 0; i < n; i++) {
            LedgerEvent outcome = outcomes.get(i);
            commands[i] = outcome.commandId();
            types[i] = outcome.type().name();
            keys[i] = outcome.idempotencyKey();
            entries[i] = outcome.entryId();
            members[i] = outcome.memberVkId();
            points[i] = outcome.points();
            reasons[i] = outcome.reason();
        }
        return connection.preparedQuery("""
                        INSERT INTO command_outcome (command_id, outcome, idempotency_key, entry_id, member_vk_id, points,
                                                     reason)
                        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[],
                                             $6::bigint[], $7::text[])
                                      AS o (command_id, outcome, idempotency_key, entry_id, member_vk_id, points, reason)
                        -- A command without an id has nobody to ask for its outcome; its event still says why.
                        WHERE o.command_id IS NOT NULL
                        ON CONFLICT (command_id) DO NOTHING""")
                .execute(Tuple.tuple().addArrayOfString(commands).addArrayOfString(types).addArrayOfString(keys)
                        .addArrayOfLong(entries).addArrayOfLong(members).addArrayOfLong(points)
                        .addArrayOfString(reasons))
                .replaceWithVoid();
    }
}
