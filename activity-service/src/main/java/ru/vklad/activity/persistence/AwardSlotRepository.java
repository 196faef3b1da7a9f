package ru.vklad.activity.persistence;

import java.util.List;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.activity.service.AwardSlot;
import ru.vklad.activity.service.SlotChange;

/**
 * Applies slot changes under the slot's row lock. The commands a change makes due are published before the
 * transaction commits: a failed publish rolls the change back for redelivery, and a failed commit after a publish
 * only repeats commands whose idempotency keys the ledger already knows.
 */
@ApplicationScoped
public class AwardSlotRepository {

    private final Pool pool;

    public AwardSlotRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records the change and, once the slot's member is known, hands the steps it is owed to {@code settle} (which
     * publishes their commands) and marks them issued. Answers how many steps were issued.
     */
    public Uni<Integer> apply(SlotChange change, long awardPoints,
                              BiFunction<Long, SlotState, Uni<Void>> settle) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                        INSERT INTO award_slot (community_id, rule_id, subject, object_key, member_vk_id, style)
                        VALUES ($1, $2, $3, $4, $5, $6)
                        ON CONFLICT (community_id, rule_id, subject) DO UPDATE
                        SET member_vk_id = coalesce(award_slot.member_vk_id, EXCLUDED.member_vk_id)
                        RETURNING member_vk_id, awarded, reversed, points""")
                .execute(Tuple.tuple().addLong(change.communityId()).addString(change.ruleId())
                        .addString(change.subject()).addString(change.objectKey()).addLong(change.memberVkId())
                        .addString(change.style().name()))
                .chain(slotRows -> {
                    Row slotRow = slotRows.iterator().next();
                    return recordEvent(connection, change)
                            .chain(() -> counts(connection, change))
                            .chain(counts -> {
                                Long member = slotRow.getLong("member_vk_id");
                                AwardSlot slot = new AwardSlot(change.style(), counts.getBoolean("earned"),
                                        counts.getInteger("takebacks"), counts.getInteger("returns"),
                                        slotRow.getInteger("awarded"), slotRow.getInteger("reversed"));
                                List<AwardSlot.Step> pending = slot.pending();
                                if (member == null || pending.isEmpty()) {
                                    return Uni.createFrom().item(0);
                                }
                                long paid = slotRow.getLong("points") > 0 ? slotRow.getLong("points") : awardPoints;
                                AwardSlot settled = slot.settled();
                                boolean awards = pending.stream().anyMatch(s -> s.kind() == AwardSlot.Step.Kind.AWARD);
                                return settle.apply(member, new SlotState(pending, paid))
                                        .chain(() -> connection.preparedQuery("""
                                                        UPDATE award_slot SET awarded = $4, reversed = $5, points = $6
                                                        WHERE community_id = $1 AND rule_id = $2 AND subject = $3""")
                                                .execute(Tuple.tuple().addLong(change.communityId())
                                                        .addString(change.ruleId()).addString(change.subject())
                                                        .addInteger(settled.awarded()).addInteger(settled.reversed())
                                                        .addLong(awards ? awardPoints : paid)))
                                        .replaceWith(pending.size());
                            });
                }));
    }

    /** The steps to issue, and what the slot's latest award paid (what a reversal takes back). */
    public record SlotState(List<AwardSlot.Step> pending, long paidPoints) {
    }

    private static Uni<Void> recordEvent(SqlConnection connection, SlotChange change) {
        if (change.effect() == null) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                        INSERT INTO award_slot_event (community_id, rule_id, subject, event_id, effect)
                        VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(change.communityId(), change.ruleId(), change.subject(), change.eventId(),
                        change.effect().name()))
                .replaceWithVoid();
    }

    private static Uni<Row> counts(SqlConnection connection, SlotChange change) {
        return connection.preparedQuery("""
                        SELECT coalesce(bool_or(effect = 'EARN'), false) AS earned,
                               count(*) FILTER (WHERE effect = 'TAKEBACK')::int AS takebacks,
                               count(*) FILTER (WHERE effect = 'RETURN')::int AS returns
                        FROM award_slot_event WHERE community_id = $1 AND rule_id = $2 AND subject = $3""")
                .execute(Tuple.of(change.communityId(), change.ruleId(), change.subject()))
                .map(rows -> rows.iterator().next());
    }
}
