package ru.vklad.activity.persistence;

import java.time.DayOfWeek;
import java.time.Instant;
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
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.activity.service.AwardSlot;
import ru.vklad.activity.service.AbuseChecks;
import ru.vklad.activity.service.FanFlag;
import ru.vklad.activity.service.EarningLimits;
import ru.vklad.activity.service.SlotChange;

/**
 * Applies slot changes under the slot's row lock, in the caller's transaction. The commands a change makes due
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
     * Records the change and, once the slot's member is known, hands the steps it is owed to {@code settle} (which
     * publishes their commands) and marks them issued. A slot's first award must fit the rule's {@code limits}
     * (null: none); if it does not, the slot is capped for good. Answers how many steps were issued, or
     * {@link #CAPPED}.
     */
    public Uni<Integer> apply(SqlConnection connection, SlotChange change, long awardPoints, EarningLimits limits,
                              AbuseChecks checks, ZoneId zone, BiFunction<Long, SlotState, Uni<Void>> settle) {
        return connection.preparedQuery("""
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
                    return recordTakeback(connection, change, checks)
                            .chain(() -> recordAndCount(connection, change))
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
                                if (!firstAward) {
                                    return issue(connection, change, member, slot, pending, slotRow, awardPoints,
                                            null, settle);
                                }
                                return standing(connection, change, member, checks, zone).chain(standing -> {
                                    Optional<String> refused = limits == null ? Optional.empty()
                                            : standing.refusal(limits, change.occurredAt());
                                    if (refused.isPresent()) {
                                        return cap(connection, change, refused.get()).replaceWith(CAPPED);
                                    }
                                    return quickLikes(connection, change, member, checks.fan())
                                            .map(fan -> checks.assess(standing.history(fan), change.occurredAt()))
                                            .chain(flag -> issue(connection, change, member, slot, pending, slotRow,
                                                    awardPoints, flag.orElse(null), settle))
                                            .call(() -> countAward(connection, change, member, zone));
                                });
                            });
                });
    }

    private Uni<Integer> issue(SqlConnection connection, SlotChange change, long member, AwardSlot slot,
                               List<AwardSlot.Step> pending, Row slotRow, long awardPoints,
                               AbuseChecks.Suspicion flag, BiFunction<Long, SlotState, Uni<Void>> settle) {
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

    private static Uni<Void> cap(SqlConnection connection, SlotChange change, String reason) {
        return connection.preparedQuery(
                        "UPDATE award_slot SET capped = $4 WHERE community_id = $1 AND rule_id = $2 AND subject = $3")
                .execute(Tuple.of(change.communityId(), change.ruleId(), change.subject(), reason))
                .replaceWithVoid();
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

    /**
     * Records the change's VK event in its slot (once however often it is delivered) and answers what the slot's
     * events then add up to. The count reads the table as it was before the statement, so the event recorded now is
     * added to it.
     */
    private static Uni<Row> recordAndCount(SqlConnection connection, SlotChange change) {
        return connection.preparedQuery("""
                        WITH recorded AS (
                            INSERT INTO award_slot_event (community_id, rule_id, subject, event_id, effect)
                            SELECT $1, $2, $3, $4, $5::text WHERE $5::text IS NOT NULL
                            ON CONFLICT DO NOTHING RETURNING effect)
                        SELECT coalesce(bool_or(effect = 'EARN'), false) AS earned,
                               count(*) FILTER (WHERE effect = 'TAKEBACK')::int AS takebacks,
                               count(*) FILTER (WHERE effect = 'RETURN')::int AS returns
                        FROM (SELECT effect FROM award_slot_event
                              WHERE community_id = $1 AND rule_id = $2 AND subject = $3
                              UNION ALL SELECT effect FROM recorded) events""")
                .execute(Tuple.of(change.communityId(), change.ruleId(), change.subject(), change.eventId(),
                        change.effect() == null ? null : change.effect().name()))
                .map(rows -> rows.iterator().next());
    }
}
