package ru.vklad.activity.persistence;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.activity.service.AwardSlot;
import ru.vklad.activity.service.AbuseChecks;
import ru.vklad.activity.service.FanFlag;
import ru.vklad.activity.service.EarningLimits;
import ru.vklad.activity.service.SlotChange;

/**
 * Records a poll's slot changes and settles them under the slots' row locks, in the caller's transaction. The commands a change makes due
 * are published before the transaction commits: a failed publish rolls the change back for redelivery, and a failed
 * commit after a publish only repeats commands whose idempotency keys the ledger already knows.
 */
@ApplicationScoped
public class AwardSlotRepository {

    /** What {@link #apply} answers when a cap or cooldown refused the slot's first award. */
    public static final int CAPPED = -1;
    private static final String LIKE = "like";
    /** How long the burst and cycling logs keep a row, at least: their windows are seconds to minutes. */
    private static final java.time.Duration KEPT = java.time.Duration.ofDays(2);

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
     * award must fit the rule's {@code limits} (null: none); if it does not, the slot is capped for good. Answers how
     * many steps were issued, or {@link #CAPPED}. Changes of one slot or one member must be applied one after another.
     */
    public Uni<Integer> apply(SqlConnection connection, PollSlots slots, SlotChange change, long awardPoints,
                              EarningLimits limits, AbuseChecks checks, ZoneId zone,
                              BiFunction<Long, SlotState, Uni<Void>> settle) {
        SlotRecord slot = slots.of(change);
        return recordTakeback(connection, change, checks).chain(() -> {
            List<AwardSlot.Step> pending = slot.state().pending();
            if (slot.member == null || pending.isEmpty() || slot.capped != null) {
                return Uni.createFrom().item(0);
            }
            long member = slot.member;
            boolean firstAward = pending.stream()
                    .anyMatch(s -> s.kind() == AwardSlot.Step.Kind.AWARD && s.number() == 1);
            if (!firstAward) {
                return issue(slot, member, pending, awardPoints, null, settle);
            }
            return standing(connection, change, member, checks, zone).chain(standing -> {
                Optional<String> refused = limits == null ? Optional.empty()
                        : standing.refusal(limits, change.occurredAt());
                if (refused.isPresent()) {
                    slot.cap(refused.get());
                    return Uni.createFrom().item(CAPPED);
                }
                return quickLikes(connection, change, member, checks.fan())
                        .map(fan -> checks.assess(standing.history(fan), change.occurredAt()))
                        .chain(flag -> issue(slot, member, pending, awardPoints, flag.orElse(null), settle))
                        .call(() -> countAward(connection, change, member, zone));
            });
        });
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

    private static Uni<Integer> issue(SlotRecord slot, long member, List<AwardSlot.Step> pending, long awardPoints,
                                      AbuseChecks.Suspicion flag, BiFunction<Long, SlotState, Uni<Void>> settle) {
        long paid = slot.points > 0 ? slot.points : awardPoints;
        boolean awards = pending.stream().anyMatch(s -> s.kind() == AwardSlot.Step.Kind.AWARD);
        return settle.apply(member, new SlotState(pending, paid, flag))
                .invoke(() -> slot.settled(awards ? awardPoints : paid))
                .replaceWith(pending.size());
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
     * What the caps and the anti-abuse checks read about the member before a first award, in one statement: the
     * rule's awards today and this week and its last award, awards in the burst window, likes taken back in the
     * cycling window, the first award in the community and awards since.
     */
    private static Uni<Standing> standing(SqlConnection connection, SlotChange change, long member,
                                          AbuseChecks checks, ZoneId zone) {
        OffsetDateTime at = change.occurredAt().atOffset(ZoneOffset.UTC);
        LocalDate day = LocalDate.ofInstant(change.occurredAt(), zone);
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return connection.preparedQuery("""
                        SELECT (SELECT count(*)::int FROM member_award_log
                                WHERE community_id = $1 AND member_vk_id = $2 AND awarded_at > $4 AND awarded_at <= $3)
                                   AS awards_in_burst,
                               (SELECT count(*)::int FROM member_takeback_log
                                WHERE community_id = $1 AND member_vk_id = $2 AND taken_back_at > $5
                                  AND taken_back_at <= $3) AS takebacks_in_cycle,
                               f.first_award_at,
                               (SELECT coalesce(sum(awards), 0)::int FROM member_rule_usage u
                                WHERE u.community_id = $1 AND u.member_vk_id = $2
                                  AND u.day >= (f.first_award_at AT TIME ZONE $6)::date) AS awards_since_first,
                               r.today, r.week, r.last
                        FROM (SELECT coalesce(sum(awards) FILTER (WHERE day = $8), 0)::int AS today,
                                     coalesce(sum(awards) FILTER (WHERE day BETWEEN $9 AND $8), 0)::int AS week,
                                     max(last_award_at) AS last
                              FROM member_rule_usage
                              WHERE community_id = $1 AND member_vk_id = $2 AND rule_id = $7) r
                        LEFT JOIN member_first_award f ON f.community_id = $1 AND f.member_vk_id = $2""")
                .execute(Tuple.from(List.of(change.communityId(), member, at,
                        change.occurredAt().minus(checks.burst().window()).atOffset(ZoneOffset.UTC),
                        change.occurredAt().minus(checks.cycling().window()).atOffset(ZoneOffset.UTC), zone.getId(),
                        change.ruleId(), day, monday)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    OffsetDateTime first = row.getOffsetDateTime("first_award_at");
                    OffsetDateTime last = row.getOffsetDateTime("last");
                    return new Standing(row.getInteger("today"), row.getInteger("week"),
                            last == null ? null : last.toInstant(), row.getInteger("awards_in_burst"),
                            row.getInteger("takebacks_in_cycle"), first == null ? null : first.toInstant(),
                            first == null ? 0 : row.getInteger("awards_since_first"));
                });
    }

    /** A member's standing before a first award: what {@link #standing} read. */
    private record Standing(int awardsToday, int awardsThisWeek, Instant lastAward, int awardsInBurst,
                            int takebacksInCycle, Instant firstAwardAt, int awardsSinceFirst) {

        Optional<String> refusal(EarningLimits limits, Instant at) {
            return limits.refusal(awardsToday, awardsThisWeek, lastAward, at);
        }

        AbuseChecks.MemberHistory history(QuickLikes fan) {
            return new AbuseChecks.MemberHistory(awardsInBurst, takebacksInCycle, firstAwardAt, awardsSinceFirst,
                    fan.ofAuthor(), fan.authorPosts());
        }
    }

    /** A member's quick likes of one author's posts in the fan check's period, and that author's posts then. */
    private record QuickLikes(int ofAuthor, int authorPosts) {
        static final QuickLikes NONE = new QuickLikes(0, 0);
    }

    /**
     * For a like given within the fan check's delay of a post's publication by another (known) author: notes it, and
     * answers the member's quick likes of that author's posts in the period, this one included, and that author's
     * posts in the period; none for any other award. Older quick likes of the member are trimmed when one is noted.
     */
    private static Uni<QuickLikes> quickLikes(SqlConnection connection, SlotChange change, long member, FanFlag fan) {
        if (!LIKE.equals(change.ruleId())) {
            return Uni.createFrom().item(QuickLikes.NONE);
        }
        OffsetDateTime at = change.occurredAt().atOffset(ZoneOffset.UTC);
        OffsetDateTime since = change.occurredAt().minus(fan.period()).atOffset(ZoneOffset.UTC);
        return connection.preparedQuery("""
                        WITH target AS (
                            SELECT author_vk_id FROM content_author
                            WHERE community_id = $1 AND object_key = $3 AND object_key LIKE 'post:%'
                              AND author_vk_id <> $2 AND published_at IS NOT NULL
                              AND $4 >= published_at AND $4 <= published_at + make_interval(secs => $5)),
                        noted AS (
                            INSERT INTO member_quick_like (community_id, member_vk_id, author_vk_id, object_key, liked_at)
                            SELECT $1, $2, author_vk_id, $3, $4 FROM target ON CONFLICT DO NOTHING RETURNING 1),
                        trimmed AS (
                            DELETE FROM member_quick_like
                            WHERE community_id = $1 AND member_vk_id = $2 AND liked_at < $6
                              AND EXISTS (SELECT 1 FROM target))
                        SELECT (SELECT count(*)::int FROM member_quick_like q
                                WHERE q.community_id = $1 AND q.member_vk_id = $2 AND q.author_vk_id = t.author_vk_id
                                  AND q.liked_at > $6 AND q.object_key <> $3) + 1 AS quick_likes,
                               (SELECT count(*)::int FROM content_author c
                                WHERE c.community_id = $1 AND c.author_vk_id = t.author_vk_id
                                  AND c.object_key LIKE 'post:%' AND c.published_at > $6 AND c.published_at <= $4)
                                   AS author_posts
                        FROM target t""")
                .execute(Tuple.of(change.communityId(), member, change.objectKey(), at,
                        (double) fan.delay().toMillis() / 1000, since))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return QuickLikes.NONE;
                    }
                    Row row = rows.iterator().next();
                    return new QuickLikes(row.getInteger("quick_likes"), row.getInteger("author_posts"));
                });
    }

    /** A like taken back, for the cycling check; once per VK event however often it is delivered. */
    private static Uni<Void> recordTakeback(SqlConnection connection, SlotChange change, AbuseChecks checks) {
        if (change.effect() != SlotChange.Effect.TAKEBACK || change.memberVkId() == null
                || !LIKE.equals(change.ruleId())) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                        INSERT INTO member_takeback_log (community_id, event_id, member_vk_id, taken_back_at)
                        VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(change.communityId(), change.eventId(), change.memberVkId(),
                        change.occurredAt().atOffset(ZoneOffset.UTC)))
                .chain(() -> connection.preparedQuery("""
                                DELETE FROM member_takeback_log
                                WHERE community_id = $1 AND member_vk_id = $2 AND taken_back_at < $3""")
                        .execute(Tuple.of(change.communityId(), change.memberVkId(), change.occurredAt()
                                .minus(max(checks.cycling().window(), KEPT)).atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    private static java.time.Duration max(java.time.Duration a, java.time.Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Counts a first award for the caps and the anti-abuse checks, trimming the burst log, in one statement. */
    private static Uni<Void> countAward(SqlConnection connection, SlotChange change, long member, ZoneId zone) {
        OffsetDateTime at = change.occurredAt().atOffset(ZoneOffset.UTC);
        return connection.preparedQuery("""
                        WITH usage AS (
                            INSERT INTO member_rule_usage (community_id, member_vk_id, rule_id, day, awards, last_award_at)
                            VALUES ($1, $2, $3, $4, 1, $5)
                            ON CONFLICT (community_id, member_vk_id, rule_id, day) DO UPDATE
                            SET awards = member_rule_usage.awards + 1,
                                last_award_at = greatest(member_rule_usage.last_award_at, EXCLUDED.last_award_at)),
                        first_award AS (
                            INSERT INTO member_first_award (community_id, member_vk_id, first_award_at)
                            VALUES ($1, $2, $5) ON CONFLICT (community_id, member_vk_id) DO UPDATE
                            SET first_award_at = least(member_first_award.first_award_at, EXCLUDED.first_award_at)),
                        logged AS (
                            INSERT INTO member_award_log (community_id, member_vk_id, awarded_at) VALUES ($1, $2, $5))
                        DELETE FROM member_award_log
                        WHERE community_id = $1 AND member_vk_id = $2 AND awarded_at < $6""")
                .execute(Tuple.of(change.communityId(), member, change.ruleId(),
                        LocalDate.ofInstant(change.occurredAt(), zone), at,
                        change.occurredAt().minus(KEPT).atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /**
     * The steps to issue, and what the slot's latest award paid (what a reversal takes back).
     *
     * @param flag why the slot's award is held for HR (anti-abuse), or null when it is paid
     */
    public record SlotState(List<AwardSlot.Step> pending, long paidPoints, AbuseChecks.Suspicion flag) {
    }
}
