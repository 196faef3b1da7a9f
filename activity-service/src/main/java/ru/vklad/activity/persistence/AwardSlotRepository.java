package ru.vklad.activity.persistence;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.activity.service.AwardSlot;
import ru.vklad.activity.service.BurstFlag;
import ru.vklad.activity.service.EarningLimits;
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

    /** What {@link #apply} answers when a cap or cooldown refused the slot's first award. */
    public static final int CAPPED = -1;

    /**
     * Records the change and, once the slot's member is known, hands the steps it is owed to {@code settle} (which
     * publishes their commands) and marks them issued. A slot's first award must fit the rule's {@code limits}
     * (null: none); if it does not, the slot is capped for good. Answers how many steps were issued, or
     * {@link #CAPPED}.
     */
    public Uni<Integer> apply(SlotChange change, long awardPoints, EarningLimits limits, BurstFlag burst, ZoneId zone,
                              BiFunction<Long, SlotState, Uni<Void>> settle) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                        INSERT INTO award_slot (community_id, rule_id, subject, object_key, member_vk_id, style)
                        VALUES ($1, $2, $3, $4, $5, $6)
                        ON CONFLICT (community_id, rule_id, subject) DO UPDATE
                        SET member_vk_id = coalesce(award_slot.member_vk_id, EXCLUDED.member_vk_id)
                        RETURNING member_vk_id, awarded, reversed, points, capped""")
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
                                if (member == null || pending.isEmpty() || slotRow.getString("capped") != null) {
                                    return Uni.createFrom().item(0);
                                }
                                boolean firstAward = pending.stream()
                                        .anyMatch(s -> s.kind() == AwardSlot.Step.Kind.AWARD && s.number() == 1);
                                Uni<Optional<String>> refusal = firstAward && limits != null
                                        ? refusal(connection, change, member, limits, zone)
                                        : Uni.createFrom().item(Optional.empty());
                                return refusal.chain(refused -> refused.isPresent()
                                        ? cap(connection, change, refused.get()).replaceWith(CAPPED)
                                        : (firstAward ? burst(connection, change, member, burst)
                                                : Uni.createFrom().item(Optional.<String>empty()))
                                                .chain(flag -> issue(connection, change, member, slot, pending,
                                                        slotRow, awardPoints, flag.orElse(null), settle))
                                                .call(() -> firstAward
                                                        ? countAward(connection, change, member, zone)
                                                        : Uni.createFrom().voidItem()));
                            });
                }));
    }

    private Uni<Integer> issue(SqlConnection connection, SlotChange change, long member, AwardSlot slot,
                               List<AwardSlot.Step> pending, Row slotRow, long awardPoints, String flag,
                               BiFunction<Long, SlotState, Uni<Void>> settle) {
        long paid = slotRow.getLong("points") > 0 ? slotRow.getLong("points") : awardPoints;
        AwardSlot settled = slot.settled();
        boolean awards = pending.stream().anyMatch(s -> s.kind() == AwardSlot.Step.Kind.AWARD);
        return settle.apply(member, new SlotState(pending, paid, flag))
                                        .chain(() -> connection.preparedQuery("""
                                                        UPDATE award_slot SET awarded = $4, reversed = $5, points = $6
                                                        WHERE community_id = $1 AND rule_id = $2 AND subject = $3""")
                                                .execute(Tuple.tuple().addLong(change.communityId())
                                                        .addString(change.ruleId()).addString(change.subject())
                                                        .addInteger(settled.awarded()).addInteger(settled.reversed())
                                                        .addLong(awards ? awardPoints : paid)))
                                        .replaceWith(pending.size());
    }

    private static Uni<Optional<String>> refusal(SqlConnection connection, SlotChange change, long member,
                                                 EarningLimits limits, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(change.occurredAt(), zone);
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return connection.preparedQuery("""
                        SELECT coalesce(sum(awards) FILTER (WHERE day = $4), 0)::int AS today,
                               coalesce(sum(awards) FILTER (WHERE day BETWEEN $5 AND $4), 0)::int AS week,
                               max(last_award_at) AS last
                        FROM member_rule_usage WHERE community_id = $1 AND member_vk_id = $2 AND rule_id = $3""")
                .execute(Tuple.of(change.communityId(), member, change.ruleId(), day, monday))
                .map(rows -> {
                    Row usage = rows.iterator().next();
                    OffsetDateTime last = usage.getOffsetDateTime("last");
                    return limits.refusal(usage.getInteger("today"), usage.getInteger("week"),
                            last == null ? null : last.toInstant(), change.occurredAt());
                });
    }

    /** The member's awards in the burst window before this action, as the burst check reads them. */
    private static Uni<Optional<String>> burst(SqlConnection connection, SlotChange change, long member,
                                               BurstFlag burst) {
        return connection.preparedQuery("""
                        SELECT count(*)::int FROM member_award_log
                        WHERE community_id = $1 AND member_vk_id = $2 AND awarded_at > $3 AND awarded_at <= $4""")
                .execute(Tuple.of(change.communityId(), member,
                        change.occurredAt().minus(burst.window()).atOffset(ZoneOffset.UTC),
                        change.occurredAt().atOffset(ZoneOffset.UTC)))
                .map(rows -> burst.reason(rows.iterator().next().getInteger(0)));
    }

    private static Uni<Void> cap(SqlConnection connection, SlotChange change, String reason) {
        return connection.preparedQuery(
                        "UPDATE award_slot SET capped = $4 WHERE community_id = $1 AND rule_id = $2 AND subject = $3")
                .execute(Tuple.of(change.communityId(), change.ruleId(), change.subject(), reason))
                .replaceWithVoid();
    }

    private static Uni<Void> countAward(SqlConnection connection, SlotChange change, long member, ZoneId zone) {
        return connection.preparedQuery("""
                        INSERT INTO member_rule_usage (community_id, member_vk_id, rule_id, day, awards, last_award_at)
                        VALUES ($1, $2, $3, $4, 1, $5)
                        ON CONFLICT (community_id, member_vk_id, rule_id, day) DO UPDATE
                        SET awards = member_rule_usage.awards + 1,
                            last_award_at = greatest(member_rule_usage.last_award_at, EXCLUDED.last_award_at)""")
                .execute(Tuple.of(change.communityId(), member, change.ruleId(),
                        LocalDate.ofInstant(change.occurredAt(), zone), change.occurredAt().atOffset(ZoneOffset.UTC)))
                .chain(() -> connection.preparedQuery("""
                                INSERT INTO member_award_log (community_id, member_vk_id, awarded_at) VALUES ($1, $2, $3)""")
                        .execute(Tuple.of(change.communityId(), member, change.occurredAt().atOffset(ZoneOffset.UTC))))
                .chain(() -> connection.preparedQuery("""
                                DELETE FROM member_award_log
                                WHERE community_id = $1 AND member_vk_id = $2 AND awarded_at < $3""")
                        .execute(Tuple.of(change.communityId(), member,
                                change.occurredAt().minus(java.time.Duration.ofDays(2)).atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    /** The steps to issue, and what the slot's latest award paid (what a reversal takes back). */
    /** @param flag why the slot's award is held for HR (anti-abuse), or null when it is paid */
    public record SlotState(List<AwardSlot.Step> pending, long paidPoints, String flag) {
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
