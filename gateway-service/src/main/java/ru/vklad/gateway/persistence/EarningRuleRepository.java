package ru.vklad.gateway.persistence;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class EarningRuleRepository implements PanacheRepositoryBase<EarningRule, Long> {

    /** Per rule, the version in force at {@code at}: the highest whose effective time has passed. */
    public Uni<List<EarningRule>> inForce(Instant at) {
        return list("effectiveFrom <= ?1 order by ruleId, version", at).map(versions -> latestPerRule(versions).values()
                .stream().sorted(java.util.Comparator.comparing((EarningRule r) -> r.ruleId)).toList());
    }

    public Uni<EarningRule> latest(String ruleId) {
        return find("ruleId = ?1 order by version desc", ruleId).firstResult();
    }

    private static Map<String, EarningRule> latestPerRule(Collection<EarningRule> versions) {
        return versions.stream().collect(Collectors.toMap(r -> r.ruleId, Function.identity(),
                (a, b) -> a.version >= b.version ? a : b));
    }
}
