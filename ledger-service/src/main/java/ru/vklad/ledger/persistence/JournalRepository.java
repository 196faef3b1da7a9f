package ru.vklad.ledger.persistence;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.events.LedgerEvent;
import ru.vklad.ledger.service.AccountCodes;
import ru.vklad.ledger.service.CommandRejectedException;
import ru.vklad.ledger.service.EntryDraft;
import ru.vklad.ledger.service.Posting;
import ru.vklad.ledger.service.PostingResult;

/**
 * Writes journal entries with plain SQL on the reactive PostgreSQL client: the ledger's hot path is a handful of
 * statements per entry, and the database's own constraints and triggers keep the invariants.
 */
@ApplicationScoped
public class JournalRepository {

    private final Pool pool;
    private final Outbox outbox;

    public JournalRepository(Pool pool, Outbox outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    /**
     * Posts the entry, or finds the entry already posted under its idempotency key, and puts the outcome's event
     * in the outbox in the same transaction.
     */
    public Uni<PostingResult> post(EntryDraft draft, Function<PostingResult, LedgerEvent> outcome) {
        return pool.withTransaction(connection -> write(connection, draft)
                .call(result -> outbox.add(connection, outcome.apply(result))));
    }

    private Uni<PostingResult> write(SqlConnection connection, EntryDraft draft) {
        return connection.preparedQuery("""
                        INSERT INTO journal_entry (idempotency_key, command_id, command_fingerprint, kind, rule_id,
                                                   rule_version, reason)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)
                        ON CONFLICT (idempotency_key) DO NOTHING
                        RETURNING id""")
                .execute(Tuple.tuple()
                        .addString(draft.idempotencyKey())
                        .addString(draft.commandId())
                        .addString(draft.commandFingerprint())
                        .addString(draft.kind())
                        .addString(draft.ruleId())
                        .addInteger(draft.ruleVersion())
                        .addString(draft.reason()))
                .chain(inserted -> inserted.size() == 0
                        ? alreadyPosted(connection, draft)
                        : writePostings(connection, inserted.iterator().next().getLong(0), draft));
    }

    private Uni<PostingResult> writePostings(SqlConnection connection, long entryId, EntryDraft draft) {
        Uni<Void> written = Uni.createFrom().voidItem();
        for (Posting posting : draft.postings()) {
            written = written.chain(() -> writePosting(connection, entryId, posting));
        }
        return written.chain(() -> memberBalance(connection, draft))
                .map(balance -> PostingResult.posted(entryId, balance));
    }

    private Uni<Void> writePosting(SqlConnection connection, long entryId, Posting posting) {
        return accountId(connection, posting.accountCode()).chain(accountId -> connection.preparedQuery(
                        "INSERT INTO posting (entry_id, account_id, amount) VALUES ($1, $2, $3)")
                .execute(Tuple.of(entryId, accountId, posting.amount()))
                .chain(ignored -> AccountCodes.isMember(posting.accountCode())
                        ? connection.preparedQuery("""
                                INSERT INTO member_balance (account_id, balance) VALUES ($1, $2)
                                ON CONFLICT (account_id) DO UPDATE SET balance = member_balance.balance + EXCLUDED.balance""")
                        .execute(Tuple.of(accountId, posting.amount())).replaceWithVoid()
                        : Uni.createFrom().voidItem()));
    }

    private Uni<Long> accountId(SqlConnection connection, String code) {
        String kind = AccountCodes.isMember(code) ? "member" : "system";
        return connection.preparedQuery("INSERT INTO account (code, kind) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING")
                .execute(Tuple.of(code, kind))
                // A separate statement, so an account created concurrently by another transaction is seen.
                .chain(ignored -> connection.preparedQuery("SELECT id FROM account WHERE code = $1").execute(Tuple.of(code)))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private Uni<PostingResult> alreadyPosted(SqlConnection connection, EntryDraft draft) {
        return connection.preparedQuery("SELECT id, command_fingerprint FROM journal_entry WHERE idempotency_key = $1")
                .execute(Tuple.of(draft.idempotencyKey()))
                .chain(rows -> {
                    Row existing = rows.iterator().next();
                    long entryId = existing.getLong("id");
                    if (!existing.getString("command_fingerprint").equals(draft.commandFingerprint())) {
                        return Uni.createFrom().failure(new CommandRejectedException("idempotency key "
                                + draft.idempotencyKey() + " was already used by a different command (entry "
                                + entryId + ")"));
                    }
                    return memberBalance(connection, draft).map(balance -> PostingResult.duplicate(entryId, balance));
                });
    }

    private Uni<Long> memberBalance(SqlConnection connection, EntryDraft draft) {
        String member = draft.postings().stream().map(Posting::accountCode).filter(AccountCodes::isMember)
                .findFirst().orElse(null);
        return member == null ? Uni.createFrom().nullItem() : balanceOf(connection, member);
    }

    /** The member account's balance, 0 for an account that has never been credited. */
    public Uni<Long> balance(String accountCode) {
        return pool.withConnection(connection -> balanceOf(connection, accountCode));
    }

    private static Uni<Long> balanceOf(SqlConnection connection, String accountCode) {
        return connection.preparedQuery("""
                        SELECT b.balance FROM member_balance b JOIN account a ON a.id = b.account_id WHERE a.code = $1""")
                .execute(Tuple.of(accountCode))
                .map(JournalRepository::firstLongOrZero);
    }

    private static long firstLongOrZero(RowSet<Row> rows) {
        return rows.size() == 0 ? 0L : rows.iterator().next().getLong(0);
    }
}
