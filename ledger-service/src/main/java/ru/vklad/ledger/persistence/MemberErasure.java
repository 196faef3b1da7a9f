package ru.vklad.ledger.persistence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.ledger.service.AccountCodes;

/**
 * Removes a member's VK user id from the ledger: their accounts, command outcomes and redemptions are renamed to
 * one new negative id, and their entries' idempotency keys and command ids to ones naming only the entry; amounts
 * and postings stay as they are, so every balance and the check are unchanged.
 */
@ApplicationScoped
public class MemberErasure {

    private final Pool pool;
    private final Accounts accounts;

    public MemberErasure(Pool pool, Accounts accounts) {
        this.pool = pool;
        this.accounts = accounts;
    }

    /**
     * @param erasedAt when the erasure was published: accounts opened after it belong to a later membership of the
     *                 same VK user (the tombstone read again after a restart) and are left alone
     */
    public Uni<Void> anonymize(long vkUserId, Instant erasedAt) {
        List<String> codes = List.of(AccountCodes.member(vkUserId), AccountCodes.held(vkUserId));
        return pool.withTransaction(connection -> connection
                        .preparedQuery("SELECT -nextval('erased_member_seq') AS surrogate").execute()
                        .map(rows -> rows.iterator().next().getLong("surrogate"))
                        .chain(surrogate -> rename(connection, vkUserId, surrogate, erasedAt)))
                .invoke(() -> accounts.forget(codes));
    }

    private static Uni<Void> rename(SqlConnection connection, long vkUserId, long surrogate, Instant erasedAt) {
        Tuple accountArgs = Tuple.of(AccountCodes.member(vkUserId), AccountCodes.member(surrogate),
                erasedAt.atOffset(ZoneOffset.UTC));
        Tuple heldArgs = Tuple.of(AccountCodes.held(vkUserId), AccountCodes.held(surrogate),
                erasedAt.atOffset(ZoneOffset.UTC));
        String renameAccount = "UPDATE account SET code = $2 WHERE code = $1 AND created_at <= $3";
        // Idempotency keys and command ids name the member (activity awards are keyed by VK id and object, HR's by
        // anything, e.g. an employee id): the member's entries keep only their own id. Nothing repeats them after
        // the erasure: the activity service drops what a non-member does, and the gateway knows no such member.
        return connection.query("SELECT set_config('vklad.ledger_erasure', 'on', true)").execute()
                .chain(() -> connection.preparedQuery("""
                        UPDATE journal_entry SET idempotency_key = 'erased-entry:' || id, command_id = 'erased-entry:' || id,
                            command_fingerprint = 'erased'
                        WHERE id IN (SELECT p.entry_id FROM posting p JOIN account a ON a.id = p.account_id
                                     WHERE a.code IN ($1, $2) AND a.created_at <= $3)""")
                .execute(Tuple.of(AccountCodes.member(vkUserId), AccountCodes.held(vkUserId),
                        erasedAt.atOffset(ZoneOffset.UTC))))
                .chain(() -> connection.preparedQuery(renameAccount).execute(accountArgs))
                .chain(() -> connection.preparedQuery(renameAccount).execute(heldArgs))
                .chain(() -> connection.preparedQuery("""
                                UPDATE command_outcome SET member_vk_id = $2, idempotency_key = NULL,
                                    command_id = 'erased-command:' || gen_random_uuid()
                                WHERE member_vk_id = $1""")
                        .execute(Tuple.of(vkUserId, surrogate)))
                .chain(() -> connection.preparedQuery("UPDATE redemption SET member_vk_id = $2 WHERE member_vk_id = $1")
                        .execute(Tuple.of(vkUserId, surrogate)))
                .chain(() -> connection.preparedQuery("DELETE FROM member_department WHERE vk_user_id = $1")
                        .execute(Tuple.of(vkUserId)))
                .replaceWithVoid();
    }
}
