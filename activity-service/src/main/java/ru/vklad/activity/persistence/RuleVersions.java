package ru.vklad.activity.persistence;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.activity.service.EarningLimits;
import ru.vklad.activity.service.EarningRule;

@ApplicationScoped
public class RuleVersions {

    private final Pool pool;

    public RuleVersions(Pool pool) {
        this.pool = pool;
    }

    /**
     * Keeps a version. A version is never changed, except that one stored before caps were part of the rule
     * takes the caps the gateway states when it publishes the version again.
     */
    public Uni<Void> save(EarningRule rule) {
        EarningLimits limits = rule.limits();
        return pool.preparedQuery("""
                        INSERT INTO earning_rule_version (rule_id, version, title, points, min_points, max_points,
                                                          effective_from, per_day, per_week, cooldown_seconds,
                                                          community_limits)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                        ON CONFLICT (rule_id, version) DO UPDATE
                            SET per_day = EXCLUDED.per_day, per_week = EXCLUDED.per_week,
                                cooldown_seconds = EXCLUDED.cooldown_seconds,
                                community_limits = EXCLUDED.community_limits
                            WHERE earning_rule_version.per_day IS NULL AND EXCLUDED.per_day IS NOT NULL""")
                .execute(Tuple.from(Arrays.asList(rule.id(), rule.version(), rule.title(), rule.points(),
                        rule.minPoints(), rule.maxPoints(), rule.effectiveFrom().atOffset(ZoneOffset.UTC),
                        limits == null ? null : limits.perDay(), limits == null ? null : limits.perWeek(),
                        limits == null ? null : limits.cooldown().toSeconds(), toJson(rule.communityLimits()))))
                .replaceWithVoid();
    }

    private static JsonObject toJson(Map<Long, EarningLimits> byCommunity) {
        JsonObject json = new JsonObject();
        byCommunity.forEach((community, caps) -> json.put(String.valueOf(community), new JsonObject()
                .put("perDay", caps.perDay()).put("perWeek", caps.perWeek())
                .put("cooldownSeconds", caps.cooldown().toSeconds())));
        return json;
    }

    private static Map<Long, EarningLimits> fromJson(JsonObject json) {
        Map<Long, EarningLimits> byCommunity = new TreeMap<>();
        if (json != null) {
            json.forEach(entry -> {
                JsonObject caps = (JsonObject) entry.getValue();
                byCommunity.put(Long.parseLong(entry.getKey()), new EarningLimits(caps.getInteger("perDay"),
                        caps.getInteger("perWeek"), Duration.ofSeconds(caps.getLong("cooldownSeconds"))));
            });
        }
        return byCommunity;
    }

    public Uni<List<EarningRule>> all() {
        return pool.query("SELECT * FROM earning_rule_version").execute().map(rows -> {
            List<EarningRule> rules = new ArrayList<>();
            for (Row row : rows) {
                rules.add(new EarningRule(row.getString("rule_id"), row.getInteger("version"), row.getString("title"),
                        row.getLong("points"), row.getLong("min_points"), row.getLong("max_points"),
                        row.getOffsetDateTime("effective_from").toInstant(), row.getInteger("per_day") == null ? null
                        : new EarningLimits(row.getInteger("per_day"), row.getInteger("per_week"),
                                Duration.ofSeconds(row.getLong("cooldown_seconds"))),
                        fromJson(row.getJsonObject("community_limits"))));
            }
            return rules;
        });
    }
}
