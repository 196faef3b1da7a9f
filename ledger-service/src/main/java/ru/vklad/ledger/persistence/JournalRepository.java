package ru.vklad.ledger.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.events.AwardCommand;
import ru.vklad.events.LedgerEvent;
import ru.vklad.ledger.service.AccountCodes;
import ru.vklad.ledger.service.AwardPlanner;
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

    private static final String BELOW_ZERO = "the member's balance would go below zero (points already spent)";

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
                .call(result -> outbox.add(connection, outcome.apply(result))))
                .onFailure(PgException.class).transform(JournalRepository::explain);
    }

    private Uni<PostingResult> write(SqlConnection connection, EntryDraft draft) {
        return connection.preparedQuery("""
                        INSERT INTO journal_entry (idempotency_key, command_id, command_fingerprint, kind, rule_id,
                                                   rule_version, reason, reverses_entry_id)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                        ON CONFLICT (idempotency_key) DO NOTHING
                        RETURNING id""")
                .execute(Tuple.tuple()
                        .addString(draft.idempotencyKey())
                        .addString(draft.commandId())
                        .addString(draft.commandFingerprint())
                        .addString(draft.kind())
                        .addString(draft.ruleId())
                        .addInteger(draft.ruleVersion())
                        .addString(draft.reason())
                        .addLong(draft.reversesEntryId()))
                .chain(inserted -> inserted.size() == 0
                        ? alreadyPosted(connection, draft.idempotencyKey(), draft.commandFingerprint(),
                                memberAccount(draft))
                        : writePostings(connection, inserted.iterator().next().getLong(0), draft));
    }

    /**
     * Posts the reversal of the entry posted under {@code command.reversesKey()}: its postings with opposite signs,
     * referring to it. Refused when there is no such entry, when it is itself a reversal or belongs to another
     * member, when it was already reversed, or when the member's balance would go below zero.
     */
    public Uni<PostingResult> reverse(AwardCommand command, Function<PostingResult, LedgerEvent> outcome) {
        String fingerprint = AwardPlanner.fingerprint(command);
        return pool.withTransaction(connection -> connection.preparedQuery(
                        "SELECT id FROM journal_entry WHERE idempotency_key = $1")
                .execute(Tuple.of(command.idempotencyKey()))
                .chain(existing -> existing.size() > 0
                        ? alreadyPosted(connection, command.idempotencyKey(), fingerprint,
                                AccountCodes.member(command.memberVkId()))
                        : original(connection, command.reversesKey()).chain(original -> {
                            if (original.reversesEntryId() != null) {
                                throw new CommandRejectedException("entry " + original.reversesEntryId()
                                        + " is a reversal and cannot itself be reversed");
                            }
                            String member = AccountCodes.member(command.memberVkId());
                            if (original.postings().stream().noneMatch(p -> p.accountCode().equals(member))) {
                                throw new CommandRejectedException("the entry under " + command.reversesKey()
                                        + " does not credit " + member);
                            }
                            return write(connection, original.draft().reversal(command.idempotencyKey(),
                                    command.commandId(), fingerprint, command.reason(), original.id()));
                        }))
                .call(result -> outbox.add(connection, outcome.apply(result))))
                .onFailure(PgException.class).transform(JournalRepository::explain);
    }

    private record Original(long id, Long reversesEntryId, EntryDraft draft) {

        List<Posting> postings() {
            return draft.postings();
        }
    }

    private Uni<Original> original(SqlConnection connection, String key) {
        return connection.preparedQuery("""
                        SELECT e.id, e.kind, e.rule_id, e.rule_version, e.reason, e.reverses_entry_id, a.code, p.amount
                        FROM journal_entry e JOIN posting p ON p.entry_id = e.id JOIN account a ON a.id = p.account_id
                        WHERE e.idempotency_key = $1 ORDER BY a.code""")
                .execute(Tuple.of(key))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new CommandRejectedException("no entry was posted under " + key + " to reverse");
                    }
                    List<Posting> postings = new ArrayList<>();
                    Row first = null;
                    for (Row row : rows) {
                        first = first == null ? row : first;
                        postings.add(new Posting(row.getString("code"), row.getLong("amount")));
                    }
                    return new Original(first.getLong("id"), first.getLong("reverses_entry_id"),
                            new EntryDraft(key, "-", "-", first.getString("kind"), first.getString("rule_id"),
                                    first.getInteger("rule_version"), first.getString("reason"), postings));
                });
    }

    /** Database refusals that are business outcomes, said in words. */
    private static Throwable explain(Throwable failure) {
        PgException e = (PgException) failure;
        if ("23505".equals(e.getSqlState()) && String.valueOf(e.getConstraint()).contains("reverses_entry_id")) {
            return new CommandRejectedException("that entry was already reversed");
        }
        if ("23514".equals(e.getSqlState()) && String.valueOf(e.getConstraint()).contains("member_balance")) {
            return new CommandRejectedException(BELOW_ZERO);
        }
        return failure;
    }

    private Uni<PostingResult> writePostings(SqlConnection connection, long entryId, EntryDraft draft) {
        Uni<Void> written = Uni.createFrom().voidItem();
        for (Posting posting : draft.postings()) {
            written = written.chain(() -> writePosting(connection, entryId, posting));
        }
        return written.chain(() -> memberBalance(connection, memberAccount(draft)))
                .map(balance -> PostingResult.posted(entryId, balance));
    }

    private Uni<Void> writePosting(SqlConnection connection, long entryId, Posting posting) {
        return accountId(connection, posting.accountCode()).chain(accountId -> connection.preparedQuery(
                        "INSERT INTO posting (entry_id, account_id, amount) VALUES ($1, $2, $3)")
                .execute(Tuple.of(entryId, accountId, posting.amount()))
                .chain(ignored -> AccountCodes.isMember(posting.accountCode())
                        ? changeMemberBalance(connection, accountId, posting.amount())
                        : Uni.createFrom().voidItem()));
    }

    /**
     * Credits upsert the balance row; debits update it, since PostgreSQL checks {@code balance >= 0} on the row an
     * upsert proposes before it sees the conflict. A debit with no balance to take from is refused the same way.
     */
    private static Uni<Void> changeMemberBalance(SqlConnection connection, long accountId, long amount) {
        if (amount > 0) {
            return connection.preparedQuery("""
                            INSERT INTO member_balance (account_id, balance) VALUES ($1, $2)
                            ON CONFLICT (account_id) DO UPDATE SET balance = member_balance.balance + EXCLUDED.balance""")
                    .execute(Tuple.of(accountId, amount)).replaceWithVoid();
        }
        return connection.preparedQuery("UPDATE member_balance SET balance = balance + $2 WHERE account_id = $1")
                .execute(Tuple.of(accountId, amount))
                .invoke(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new CommandRejectedException(BELOW_ZERO);
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Long> accountId(SqlConnection connection, String code) {
        String kind = AccountCodes.isMember(code) ? "member" : "system";
        return connection.preparedQuery("INSERT INTO account (code, kind) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING")
                .execute(Tuple.of(code, kind))
                // A separate statement, so an account created concurrently by another transaction is seen.
                .chain(ignored -> connection.preparedQuery("SELECT id FROM account WHERE code = $1").execute(Tuple.of(code)))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private Uni<PostingResult> alreadyPosted(SqlConnection connection, String key, String fingerprint,
                                             String memberAccount) {
        return connection.preparedQuery("SELECT id, command_fingerprint FROM journal_entry WHERE idempotency_key = $1")
                .execute(Tuple.of(key))
                .chain(rows -> {
                    Row existing = rows.iterator().next();
                    long entryId = existing.getLong("id");
                    if (!existing.getString("command_fingerprint").equals(fingerprint)) {
                        return Uni.createFrom().failure(new CommandRejectedException("idempotency key "
                                + key + " was already used by a different command (entry " + entryId + ")"));
                    }
                    return memberBalance(connection, memberAccount).map(balance -> PostingResult.duplicate(entryId, balance));
                });
    }

    private static String memberAccount(EntryDraft draft) {
        return draft.postings().stream().map(Posting::accountCode).filter(AccountCodes::isMember)
                .findFirst().orElse(null);
    }

    private Uni<Long> memberBalance(SqlConnection connection, String memberAccount) {
        return memberAccount == null ? Uni.createFrom().nullItem() : balanceOf(connection, memberAccount);
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
