package ru.vklad.activity.persistence;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.activity.service.AwardSlot;
import ru.vklad.activity.service.AbuseChecks;
import ru.vklad.activity.service.EarningLimits;
import ru.vklad.activity.service.PollHistories;
import ru.vklad.activity.service.RuleCatalog;
import ru.vklad.activity.service.SlotChange;

/**
 * Records a poll's slot changes and settles them under the slots' row locks, in the caller's transaction. The
 * commands a change makes due are published before the transaction commits: a failed publish rolls the change back
 * for redelivery, and a failed commit after a publish only repeats commands whose idempotency keys the ledger already
 * knows.
 */
@ApplicationScoped
public class AwardSlotRepository {

    /** What {@link #apply} answers when a cap or cooldown refused the slot's first award. */
    public static final int CAPPED = -1;

    /**
     * Records a poll's slot changes in one statement: creates the slots not seen before (in key order, so that
     * concurrent polls lock them in the same order), learns who a slot pays, records each change's VK event in its
     * slot (once however often it is delivered) and answers every slot as its events then add up, its row locked
     * until the poll commits. The counts read the events as they were before the statement, so the events recorded
     * now are added to them. A slot's state thus already includes its later events in the poll; since what a slot is
     * owed depends on the set of its events and not their order, the commands issued are the same.
     */
    public Uni<PollSlots> record(SqlConnection connection, List<SlotChange> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().item(new PollSlots(Map.of()));
        }
        Map<SlotKey, SlotChange> firsts = new TreeMap<>();
        Map<SlotKey, Long> members = new HashMap<>();
        for (SlotChange change : changes) {
            SlotKey key = SlotKey.of(change);
            firsts.putIfAbsent(key, change);
            if (change.memberVkId() != null) {
                members.putIfAbsent(key, change.memberVkId());
            }
        }
        List<SlotChange> events = changes.stream().filter(change -> change.effect() != null).toList();
        Collection<SlotChange> slots = firsts.values();
        return connection.preparedQuery("""
                        WITH slots AS (
                            INSERT INTO award_slot (community_id, rule_id, subject, object_key, member_vk_id, style)
                            SELECT c, r, s, o, m, st
                            FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[])
                                 WITH ORDINALITY AS i(c, r, s, o, m, st, n)
                            ORDER BY n
                            ON CONFLICT (community_id, rule_id, subject) DO UPDATE
                            SET member_vk_id = coalesce(award_slot.member_vk_id, EXCLUDED.member_vk_id)
                            RETURNING community_id, rule_id, subject, member_vk_id, awarded, reversed, points, capped),
                        recorded AS (
                            INSERT INTO award_slot_event (community_id, rule_id, subject, event_id, effect)
                            SELECT * FROM unnest($7::bigint[], $8::text[], $9::text[], $10::text[], $11::text[])
                            ON CONFLICT DO NOTHING RETURNING community_id, rule_id, subject, effect)
                        SELECT s.community_id, s.rule_id, s.subject, s.member_vk_id, s.awarded, s.reversed, s.points,
                               s.capped, e.earned, e.takebacks, e.returns
                        FROM slots s, LATERAL (
                            SELECT coalesce(bool_or(effect = 'EARN'), false) AS earned,
                                   count(*) FILTER (WHERE effect = 'TAKEBACK')::int AS takebacks,
                                   count(*) FILTER (WHERE effect = 'RETURN')::int AS returns
                            FROM (SELECT effect FROM award_slot_event
                                  WHERE community_id = s.community_id AND rule_id = s.rule_id AND subject = s.subject
                                  UNION ALL
                                  SELECT effect FROM recorded
                                  WHERE community_id = s.community_id AND rule_id = s.rule_id AND subject = s.subject)
                                 events) e""")
                .execute(Tuple.from(List.of(
                        slots.stream().map(SlotChange::communityId).toArray(Long[]::new),
                        slots.stream().map(SlotChange::ruleId).toArray(String[]::new),
                        slots.stream().map(SlotChange::subject).toArray(String[]::new),
                        slots.stream().map(SlotChange::objectKey).toArray(String[]::new),
                        slots.stream().map(change -> members.get(SlotKey.of(change))).toArray(Long[]::new),
                        slots.stream().map(change -> change.style().name()).toArray(String[]::new),
                        events.stream().map(SlotChange::communityId).toArray(Long[]::new),
                        events.stream().map(SlotChange::ruleId).toArray(String[]::new),
                        events.stream().map(SlotChange::subject).toArray(String[]::new),
                        events.stream().map(SlotChange::eventId).toArray(String[]::new),
                        events.stream().map(change -> change.effect().name()).toArray(String[]::new))))
                .map(rows -> {
                    Map<SlotKey, SlotRecord> recorded = new HashMap<>();
                    for (Row row : rows) {
                        SlotKey key = new SlotKey(row.getLong("community_id"), row.getString("rule_id"),
                                row.getString("subject"));
                        recorded.put(key, new SlotRecord(firsts.get(key).style(), row.getLong("member_vk_id"),
                                row.getBoolean("earned"), row.getInteger("takebacks"), row.getInteger("returns"),
                                row.getInteger("awarded"), row.getInteger("reversed"), row.getLong("points"),
                                row.getString("capped")));
                    }
                    return new PollSlots(recorded);
                });
    }

    /**
     * Settles one change's slot as recorded for the poll ({@link #record}): once the slot's member is known, hands
     * the steps it is owed to {@code settle} (which publishes their commands) and marks them issued. A slot's first
     * award must fit the rule's {@code limits} (null: none); if it does not, the slot is capped for good. The caps
     * and the anti-abuse checks read and count in the poll's {@code histories}. Answers how many steps were issued,
     * or {@link #CAPPED}. Changes of one slot or one member must be applied one after another.
     */
    public int apply(PollSlots slots, PollHistories histories, SlotChange change, long awardPoints,
                     EarningLimits limits, AbuseChecks checks, BiConsumer<Long, SlotState> settle) {
        SlotRecord slot = slots.of(change);
        if (change.effect() == SlotChange.Effect.TAKEBACK && change.memberVkId() != null
                && RuleCatalog.LIKE.equals(change.ruleId())) {
            histories.recordTakeback(new PollHistories.MemberKey(change.communityId(), change.memberVkId()),
                    change.eventId(), change.occurredAt());
        }
        List<AwardSlot.Step> pending = slot.state().pending();
        if (slot.member == null || pending.isEmpty() || slot.capped != null) {
            return 0;
        }
        long member = slot.member;
        boolean firstAward = pending.stream().anyMatch(s -> s.kind() == AwardSlot.Step.Kind.AWARD && s.number() == 1);
        if (!firstAward) {
            return issue(slot, member, pending, awardPoints, null, settle);
        }
        PollHistories.MemberKey key = new PollHistories.MemberKey(change.communityId(), member);
        PollHistories.Standing standing = histories.standing(key, change.ruleId(), change.occurredAt());
        Optional<String> refused = limits == null ? Optional.empty() : standing.refusal(limits, change.occurredAt());
        if (refused.isPresent()) {
            slot.cap(refused.get());
            return CAPPED;
        }
        PollHistories.QuickLikes fan = RuleCatalog.LIKE.equals(change.ruleId())
                ? histories.quickLikes(key, change.objectKey(), change.occurredAt())
                : PollHistories.QuickLikes.NONE;
        Optional<AbuseChecks.Suspicion> flag = checks.assess(standing.history(fan), change.occurredAt());
        histories.countAward(key, change.ruleId(), change.occurredAt());
        return issue(slot, member, pending, awardPoints, flag.orElse(null), settle);
    }

    /** Writes what the poll issued and capped to the slots ({@link #record} locked them), in one statement. */
    public Uni<Void> write(SqlConnection connection, PollSlots slots) {
        List<Map.Entry<SlotKey, SlotRecord>> changed = slots.changed();
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                        UPDATE award_slot s SET awarded = u.awarded, reversed = u.reversed, points = u.points,
                                                capped = u.capped
                        FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::int[], $6::bigint[],
                                    $7::text[]) AS u(community_id, rule_id, subject, awarded, reversed, points, capped)
                        WHERE s.community_id = u.community_id AND s.rule_id = u.rule_id AND s.subject = u.subject""")
                .execute(Tuple.from(List.of(
                        changed.stream().map(e -> e.getKey().communityId()).toArray(Long[]::new),
                        changed.stream().map(e -> e.getKey().ruleId()).toArray(String[]::new),
                        changed.stream().map(e -> e.getKey().subject()).toArray(String[]::new),
                        changed.stream().map(e -> e.getValue().awarded).toArray(Integer[]::new),
                        changed.stream().map(e -> e.getValue().reversed).toArray(Integer[]::new),
                        changed.stream().map(e -> e.getValue().points).toArray(Long[]::new),
                        changed.stream().map(e -> e.getValue().capped).toArray(String[]::new))))
                .replaceWithVoid();
    }

    private static int issue(SlotRecord slot, long member, List<AwardSlot.Step> pending, long awardPoints,
                             AbuseChecks.Suspicion flag, BiConsumer<Long, SlotState> settle) {
        long paid = slot.points > 0 ? slot.points : awardPoints;
        boolean awards = pending.stream().anyMatch(s -> s.kind() == AwardSlot.Step.Kind.AWARD);
        settle.accept(member, new SlotState(pending, paid, flag));
        slot.settled(awards ? awardPoints : paid);
        return pending.size();
    }

    /** One award slot's identity. */
    private record SlotKey(long communityId, String ruleId, String subject) implements Comparable<SlotKey> {

        private static final Comparator<SlotKey> ORDER = Comparator.comparingLong(SlotKey::communityId)
                .thenComparing(SlotKey::ruleId).thenComparing(SlotKey::subject);

        static SlotKey of(SlotChange change) {
            return new SlotKey(change.communityId(), change.ruleId(), change.subject());
        }

        @Override
        public int compareTo(SlotKey other) {
            return ORDER.compare(this, other);
        }
    }

    /** A slot as the poll has it: its recorded events and what has been issued, kept until {@link #write}. */
    private static final class SlotRecord {

        private final AwardSlot.Style style;
        private final Long member;
        private final boolean earned;
        private final int takebacks;
        private final int returns;
        private int awarded;
        private int reversed;
        private long points;
        private String capped;
        private boolean changed;

        SlotRecord(AwardSlot.Style style, Long member, boolean earned, int takebacks, int returns, int awarded,
                   int reversed, long points, String capped) {
            this.style = style;
            this.member = member;
            this.earned = earned;
            this.takebacks = takebacks;
            this.returns = returns;
            this.awarded = awarded;
            this.reversed = reversed;
            this.points = points;
            this.capped = capped;
        }

        AwardSlot state() {
            return new AwardSlot(style, earned, takebacks, returns, awarded, reversed);
        }

        void settled(long paidPoints) {
            AwardSlot settled = state().settled();
            awarded = settled.awarded();
            reversed = settled.reversed();
            points = paidPoints;
            changed = true;
        }

        void cap(String reason) {
            capped = reason;
            changed = true;
        }
    }

    /** A poll's award slots, recorded by {@link #record}; who each slot pays tells which changes depend on another. */
    public static final class PollSlots {

        private final Map<SlotKey, SlotRecord> slots;

        private PollSlots(Map<SlotKey, SlotRecord> slots) {
            this.slots = slots;
        }

        /** Who the change's slot pays, once known (perhaps from an earlier event than the change's own). */
        public Optional<Long> memberOf(SlotChange change) {
            return Optional.ofNullable(of(change).member);
        }

        private SlotRecord of(SlotChange change) {
            return slots.get(SlotKey.of(change));
        }

        /** The slots whose row must be written, in key order. */
        private List<Map.Entry<SlotKey, SlotRecord>> changed() {
            return new TreeMap<>(slots).entrySet().stream().filter(e -> e.getValue().changed).toList();
        }
    }

    /**
     * The steps to issue, and what the slot's latest award paid (what a reversal takes back).
     *
     * @param flag why the slot's award is held for HR (anti-abuse), or null when it is paid
     */
    public record SlotState(List<AwardSlot.Step> pending, long paidPoints, AbuseChecks.Suspicion flag) {
    }
}
