package ru.vklad.ledger.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.ledger.service.AccountCodes;

/** The ledger's read side: balances now and as of a moment, statements, entries and command outcomes. */
@ApplicationScoped
public class LedgerQueries {

    private final Pool pool;

    public LedgerQueries(Pool pool) {
        this.pool = pool;
    }

    public record Balance(long available, long pending) {
    }

    public record PostingView(@Schema(examples = "member:51200901") String account,
                              @Schema(examples = "5") long amount) {
    }

    public record EntryView(@Schema(examples = "10482") long id,
                            @Schema(examples = "vk:229000001:substantive_comment:51200901:comment:-229000001_3417")
                            String idempotencyKey,
                            @Schema(examples = "vk:229000001:substantive_comment:51200901:comment:-229000001_3417")
                            String commandId,
                            @Schema(examples = "award") String kind,
                            @Schema(examples = "substantive_comment") String ruleId,
                            @Schema(examples = "1") Integer ruleVersion,
                            @Schema(examples = "за содержательный комментарий к посту 1201") String reason,
                            @Schema(examples = "2026-11-23T09:15:00Z") Instant postedAt,
                            @Schema(examples = "10377") Long reversesEntryId,
                            List<PostingView> postings) {
    }

    public record StatementLine(@Schema(examples = "10482") long entryId,
                                @Schema(examples = "2026-11-23T09:15:00Z") Instant postedAt,
                                @Schema(examples = "award") String kind,
                                @Schema(examples = "substantive_comment") String ruleId,
                                @Schema(examples = "за содержательный комментарий к посту 1201") String reason,
                                @Schema(examples = "5") long amount) {
    }

    public record CommandOutcome(
            @Schema(examples = "vk:229000001:substantive_comment:51200901:comment:-229000001_3417") String commandId,
            @Schema(examples = "ENTRY_POSTED") String outcome,
            @Schema(examples = "vk:229000001:substantive_comment:51200901:comment:-229000001_3417")
            String idempotencyKey,
            @Schema(examples = "10482") Long entryId,
            @Schema(examples = "51200901") long memberVkId,
            @Schema(examples = "5") long points,
            @Schema(examples = "за содержательный комментарий к посту 1201") String reason,
            @Schema(examples = "2026-11-23T09:15:00Z") Instant recordedAt) {
    }

    /**
     * The member's available and pending points: now from the balance rows kept with every entry, or as of a
     * moment from the postings of the entries posted until then.
     */
    public Uni<Balance> balance(long vkUserId, Instant at) {
        String available = AccountCodes.member(vkUserId);
        String pending = AccountCodes.held(vkUserId);
        if (at == null) {
            return pool.preparedQuery("""
                            SELECT
                              coalesce((SELECT b.balance FROM member_balance b JOIN account a ON a.id = b.account_id
                                        WHERE a.code = $1), 0),
                              coalesce((SELECT sum(p.amount) FROM posting p JOIN account a ON a.id = p.account_id
                                        WHERE a.code = $2), 0)""")
                    .execute(Tuple.of(available, pending))
                    .map(rows -> rows.iterator().next())
                    .map(row -> new Balance(row.getLong(0), row.getLong(1)));
        }
        return pool.preparedQuery("""
                        SELECT coalesce(sum(p.amount) FILTER (WHERE a.code = $1), 0),
                               coalesce(sum(p.amount) FILTER (WHERE a.code = $2), 0)
                        FROM account a JOIN posting p ON p.account_id = a.id JOIN journal_entry e ON e.id = p.entry_id
                        WHERE a.code IN ($1, $2) AND e.posted_at <= $3""")
                .execute(Tuple.of(available, pending, OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next())
                .map(row -> new Balance(row.getLong(0), row.getLong(1)));
    }

    /**
     * The member's entries, newest first, {@code limit} at a time; {@code before} is the last entry id of the
     * previous page (keyset pagination: a page stays correct while new entries arrive).
     */
    public Uni<List<StatementLine>> statement(long vkUserId, Long before, int limit) {
        return pool.preparedQuery("""
                        SELECT e.id, e.posted_at, e.kind, e.rule_id, e.reason, p.amount
                        FROM account a JOIN posting p ON p.account_id = a.id JOIN journal_entry e ON e.id = p.entry_id
                        WHERE a.code = $1 AND p.entry_id < $2
                        ORDER BY p.entry_id DESC LIMIT $3""")
                .execute(Tuple.of(AccountCodes.member(vkUserId), before == null ? Long.MAX_VALUE : before, limit))
                .map(rows -> {
                    List<StatementLine> lines = new ArrayList<>();
                    for (Row row : rows) {
                        lines.add(new StatementLine(row.getLong("id"), instant(row, "posted_at"), row.getString("kind"),
                                row.getString("rule_id"), row.getString("reason"), row.getLong("amount")));
                    }
                    return lines;
                });
    }

    public Uni<Optional<EntryView>> entry(long id) {
        return pool.preparedQuery("""
                        SELECT e.id, e.idempotency_key, e.command_id, e.kind, e.rule_id, e.rule_version, e.reason,
                               e.posted_at, e.reverses_entry_id, a.code, p.amount
                        FROM journal_entry e JOIN posting p ON p.entry_id = e.id JOIN account a ON a.id = p.account_id
                        WHERE e.id = $1 ORDER BY a.code""")
                .execute(Tuple.of(id))
                .map(rows -> {
                    Row first = null;
                    List<PostingView> postings = new ArrayList<>();
                    for (Row row : rows) {
                        first = first == null ? row : first;
                        postings.add(new PostingView(row.getString("code"), row.getLong("amount")));
                    }
                    if (first == null) {
                        return Optional.empty();
                    }
                    return Optional.of(new EntryView(first.getLong("id"), first.getString("idempotency_key"),
                            first.getString("command_id"), first.getString("kind"), first.getString("rule_id"),
                            first.getInteger("rule_version"), first.getString("reason"), instant(first, "posted_at"),
                            first.getLong("reverses_entry_id"), postings));
                });
    }

    public Uni<Optional<CommandOutcome>> outcome(String commandId) {
        return pool.preparedQuery("""
                        SELECT command_id, outcome, idempotency_key, entry_id, member_vk_id, points, reason, recorded_at
                        FROM command_outcome WHERE command_id = $1""")
                .execute(Tuple.of(commandId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new CommandOutcome(row.getString("command_id"), row.getString("outcome"),
                            row.getString("idempotency_key"), row.getLong("entry_id"), row.getLong("member_vk_id"),
                            row.getLong("points"), row.getString("reason"), instant(row, "recorded_at")));
                });
    }

    private static Instant instant(Row row, String column) {
        return row.getOffsetDateTime(column).toInstant();
    }
}
