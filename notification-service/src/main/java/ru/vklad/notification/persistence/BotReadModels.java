package ru.vklad.notification.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.events.EarningRuleChanged;
import ru.vklad.events.LedgerEvent;

/** What the bot knows, from events: members' entries and balances, the earning rules in force, ranks. */
@ApplicationScoped
public class BotReadModels {

    public record Entry(long points, Long balance, String reason, OffsetDateTime occurredAt) {
    }

    /** @param limits its caps, null when it has none */
    public record Rule(String ruleId, String title, long points, EarningRuleChanged.Limits limits) {
    }

    /** Rank among members who earned in the period (1 = most points); empty when the member earned nothing. */
    public record Rank(int rank, int of, long points) {
    }

    private final Pool pool;

    public BotReadModels(Pool pool) {
        this.pool = pool;
    }

    /** Keeps the bot's copy of posted entries, a poll of ledger events in one statement; each entry once. */
    public Uni<Void> entriesPosted(List<LedgerEvent> events) {
        List<LedgerEvent> posted = events.stream().filter(e -> e.type() == LedgerEvent.Type.ENTRY_POSTED).toList();
        if (posted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("""
                        INSERT INTO member_entry (event_id, vk_user_id, points, balance, reason, occurred_at)
                        SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[],
                                             $6::timestamptz[])
                        ON CONFLICT (event_id) DO NOTHING""")
                .execute(Tuple.of(posted.stream().map(LedgerEvent::eventId).toArray(String[]::new),
                        posted.stream().map(LedgerEvent::memberVkId).toArray(Long[]::new),
                        posted.stream().map(LedgerEvent::points).toArray(Long[]::new),
                        posted.stream().map(LedgerEvent::balance).toArray(Long[]::new),
                        posted.stream().map(e -> e.reason() == null ? "" : e.reason()).toArray(String[]::new),
                        posted.stream().map(e -> e.occurredAt().atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    /**
     * Keeps a rule version once; a version kept before caps were part of the rule takes them when the gateway
     * publishes it again.
     */
    public Uni<Void> ruleChanged(EarningRuleChanged rule) {
        EarningRuleChanged.Limits limits = rule.limits();
        JsonObject byCommunity = new JsonObject();
        rule.communityLimits().forEach((community, caps) -> byCommunity.put(String.valueOf(community),
                new JsonObject().put("perDay", caps.perDay()).put("perWeek", caps.perWeek())
                        .put("cooldownSeconds", caps.cooldownSeconds())));
        return pool.preparedQuery("""
                        INSERT INTO earning_rule (rule_id, version, title, points, effective_from, per_day, per_week,
                                                  cooldown_seconds, community_limits)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                        ON CONFLICT (rule_id, version) DO UPDATE
                            SET per_day = EXCLUDED.per_day, per_week = EXCLUDED.per_week,
                                cooldown_seconds = EXCLUDED.cooldown_seconds,
                                community_limits = EXCLUDED.community_limits
                            WHERE earning_rule.per_day IS NULL AND EXCLUDED.per_day IS NOT NULL""")
                .execute(Tuple.from(Arrays.asList(rule.ruleId(), rule.version(), rule.title(), rule.points(),
                        rule.effectiveFrom().atOffset(ZoneOffset.UTC), limits == null ? null : limits.perDay(),
                        limits == null ? null : limits.perWeek(), limits == null ? null : limits.cooldownSeconds(),
                        byCommunity)))
                .replaceWithVoid();
    }

    /** The newest balance the ledger reported for the member, if any entry was posted. */
    public Uni<Optional<Long>> balance(long vkUserId) {
        return pool.preparedQuery("""
                        SELECT balance FROM member_entry WHERE vk_user_id = $1 AND balance IS NOT NULL
                        ORDER BY occurred_at DESC, event_id DESC LIMIT 1""")
                .execute(Tuple.of(vkUserId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong(0)));
    }

    public Uni<List<Entry>> lastEntries(long vkUserId, int limit) {
        return pool.preparedQuery("""
                        SELECT points, balance, reason, occurred_at FROM member_entry WHERE vk_user_id = $1 AND points <> 0
                        ORDER BY occurred_at DESC, event_id DESC LIMIT $2""")
                .execute(Tuple.of(vkUserId, limit))
                .map(rows -> {
                    List<Entry> entries = new ArrayList<>();
                    for (Row row : rows) {
                        entries.add(new Entry(row.getLong("points"), row.getLong("balance"), row.getString("reason"),
                                row.getOffsetDateTime("occurred_at")));
                    }
                    return entries;
                });
    }

    /** Every rule's version in force at {@code now}, with the caps it has in the community. */
    public Uni<List<Rule>> rulesInForce(Instant now, long communityId) {
        return pool.preparedQuery("""
                        SELECT DISTINCT ON (rule_id) rule_id, title, points, per_day, per_week, cooldown_seconds,
                               community_limits -> $2::text AS community
                        FROM earning_rule
                        WHERE effective_from <= $1 ORDER BY rule_id, effective_from DESC, version DESC""")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), String.valueOf(communityId)))
                .map(rows -> {
                    List<Rule> rules = new ArrayList<>();
                    for (Row row : rows) {
                        JsonObject community = row.getJsonObject("community");
                        EarningRuleChanged.Limits limits = community != null ? new EarningRuleChanged.Limits(
                                community.getInteger("perDay"), community.getInteger("perWeek"),
                                community.getLong("cooldownSeconds"))
                                : row.getInteger("per_day") == null ? null : new EarningRuleChanged.Limits(
                                        row.getInteger("per_day"), row.getInteger("per_week"),
                                        row.getLong("cooldown_seconds"));
                        rules.add(new Rule(row.getString("rule_id"), row.getString("title"), row.getLong("points"),
                                limits));
                    }
                    return rules;
                });
    }

    /** One member's week for the digest: points earned, place among those who earned (ties share a place). */
    public record WeekTotal(long vkUserId, long points, int rank, int of) {
    }

    /** Everyone who earned points in [from, to), ranked. */
    public Uni<List<WeekTotal>> totals(Instant from, Instant to) {
        return pool.preparedQuery("""
                        WITH totals AS (
                            SELECT vk_user_id, sum(points) AS points FROM member_entry
                            WHERE occurred_at >= $1 AND occurred_at < $2 GROUP BY vk_user_id HAVING sum(points) > 0)
                        SELECT vk_user_id, points, rank() OVER (ORDER BY points DESC) AS rank, count(*) OVER () AS of
                        FROM totals ORDER BY rank, vk_user_id""")
                .execute(Tuple.of(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<WeekTotal> totals = new ArrayList<>();
                    for (Row row : rows) {
                        totals.add(new WeekTotal(row.getLong("vk_user_id"), row.getLong("points"),
                                row.getLong("rank").intValue(), row.getLong("of").intValue()));
                    }
                    return totals;
                });
    }

    /**
     * Days (in {@code zone}) on which the member earned points, from {@code from} to before {@code to}. The day is
     * taken in Java: PostgreSQL reads an offset zone such as {@code +03:00} the POSIX way, east as west.
     */
    public Uni<Set<LocalDate>> activeDays(long vkUserId, Instant from, Instant to, ZoneId zone) {
        return pool.preparedQuery("""
                        SELECT occurred_at FROM member_entry
                        WHERE vk_user_id = $1 AND occurred_at >= $2 AND occurred_at < $3 AND points > 0""")
                .execute(Tuple.of(vkUserId, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    Set<LocalDate> days = new HashSet<>();
                    for (Row row : rows) {
                        days.add(row.getOffsetDateTime("occurred_at").atZoneSameInstant(zone).toLocalDate());
                    }
                    return days;
                });
    }

    /** The member's rank by points earned in [from, to): ties share the better rank. */
    public Uni<Optional<Rank>> rank(long vkUserId, Instant from, Instant to) {
        return pool.preparedQuery("""
                        WITH totals AS (
                            SELECT vk_user_id, sum(points) AS points FROM member_entry
                            WHERE occurred_at >= $2 AND occurred_at < $3 GROUP BY vk_user_id HAVING sum(points) > 0)
                        SELECT (SELECT count(*) FROM totals t WHERE t.points > mine.points) + 1 AS rank,
                               (SELECT count(*) FROM totals) AS of, mine.points
                        FROM totals mine WHERE mine.vk_user_id = $1""")
                .execute(Tuple.of(vkUserId, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new Rank(row.getLong("rank").intValue(), row.getLong("of").intValue(),
                            row.getLong("points")));
                });
    }
}
