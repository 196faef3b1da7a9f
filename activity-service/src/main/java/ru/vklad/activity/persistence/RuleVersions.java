package ru.vklad.activity.persistence;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.activity.service.EarningRule;

@ApplicationScoped
public class RuleVersions {

    private final Pool pool;

    public RuleVersions(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> save(EarningRule rule) {
        return pool.preparedQuery("""
                        INSERT INTO earning_rule_version (rule_id, version, title, points, min_points, max_points,
                                                          effective_from)
                        VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (rule_id, version) DO NOTHING""")
                .execute(Tuple.from(List.of(rule.id(), rule.version(), rule.title(), rule.points(), rule.minPoints(),
                        rule.maxPoints(), rule.effectiveFrom().atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    public Uni<List<EarningRule>> all() {
        return pool.query("SELECT * FROM earning_rule_version").execute().map(rows -> {
            List<EarningRule> rules = new ArrayList<>();
            for (Row row : rows) {
                rules.add(new EarningRule(row.getString("rule_id"), row.getInteger("version"), row.getString("title"),
                        row.getLong("points"), row.getLong("min_points"), row.getLong("max_points"),
                        row.getOffsetDateTime("effective_from").toInstant()));
            }
            return rules;
        });
    }
}
