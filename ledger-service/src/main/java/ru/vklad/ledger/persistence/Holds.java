package ru.vklad.ledger.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smallrye.mutiny.Uni;
import ru.vklad.events.AwardCommand;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Held awards still waiting for HR's decision. */
@ApplicationScoped
public class Holds {

    private final Pool pool;

    public Holds(Pool pool) {
        this.pool = pool;
    }

    public record WaitingHold(@Schema(examples = "10495") long entryId,
                              @Schema(examples = "vk:229000001:repost:51200901:post:-229000001_1201")
                              String idempotencyKey,
                              @Schema(examples = "51200901") long memberVkId,
                              @Schema(examples = "10") long points,
                              @Schema(examples = "repost") String ruleId,
                              @Schema(examples = "1") Integer ruleVersion,
                              @Schema(examples = "за репост поста 1201 (на проверке HR: серия: 21-е начисление"
                                      + " за 60 с)") String reason,
                              @Schema(examples = "2026-11-23T09:15:00Z") Instant postedAt) {

        /**
         * The ledger's own rejection of this hold (expiry, erasure), keyed by the hold and {@code cause}, so
         * running it again, or HR deciding at the same moment, still decides the hold once.
         */
        public AwardCommand rejection(String commandId, String cause, String why, Instant at) {
            return new AwardCommand(commandId, idempotencyKey + ":" + cause, AwardCommand.Type.REJECT_HELD,
                    memberVkId, points, ruleId, ruleVersion == null ? 0 : ruleVersion, why, "ledger", at, null,
                    idempotencyKey);
        }
    }

    private static final String WAITING = """
            SELECT h.id, h.idempotency_key, substring(a.code FROM 6)::bigint AS member, p.amount, h.rule_id,
                   h.rule_version, h.reason, h.posted_at
            FROM journal_entry h
            JOIN posting p ON p.entry_id = h.id
            JOIN account a ON a.id = p.account_id AND a.code LIKE 'held:%'
            WHERE h.kind = 'hold' AND NOT EXISTS (SELECT 1 FROM journal_entry d WHERE d.decides_entry_id = h.id)
            """;

    /** Waiting holds posted before {@code before}, oldest first, at most {@code limit}. */
    public Uni<List<WaitingHold>> waiting(Instant before, int limit) {
        return waiting(before, 0, limit);
    }

    /** Waiting holds posted before {@code before}, in posting order, after the hold entry {@code afterId}. */
    public Uni<List<WaitingHold>> waiting(Instant before, long afterId, int limit) {
        return list(WAITING + " AND h.posted_at < $1 AND h.id > $2 ORDER BY h.id LIMIT $3",
                Tuple.of(OffsetDateTime.ofInstant(before, ZoneOffset.UTC), afterId, limit));
    }

    /** One member's waiting holds, oldest first. */
    public Uni<List<WaitingHold>> waitingOf(long vkUserId) {
        return list(WAITING + " AND a.code = $1 ORDER BY h.posted_at, h.id", Tuple.of("held:" + vkUserId));
    }

    private Uni<List<WaitingHold>> list(String sql, Tuple arguments) {
        return pool.preparedQuery(sql).execute(arguments)
                .map(rows -> {
                    List<WaitingHold> holds = new ArrayList<>();
                    for (Row row : rows) {
                        holds.add(new WaitingHold(row.getLong("id"), row.getString("idempotency_key"),
                                row.getLong("member"), row.getLong("amount"), row.getString("rule_id"),
                                row.getInteger("rule_version"), row.getString("reason"),
                                row.getOffsetDateTime("posted_at").toInstant()));
                    }
                    return holds;
                });
    }
}
