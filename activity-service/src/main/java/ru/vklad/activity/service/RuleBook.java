package ru.vklad.activity.service;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import ru.vklad.activity.config.EarningConfig;
import ru.vklad.activity.persistence.RuleVersions;

/**
 * The earning rules this service applies: the defaults plus every version received from the gateway, with the
 * configured caps for versions that state none.
 */
@ApplicationScoped
public class RuleBook {

    private final RuleVersions stored;
    private final AtomicReference<RuleCatalog> catalog;

    public RuleBook(RuleVersions stored, EarningConfig config) {
        this.stored = stored;
        Map<String, EarningLimits> configured = config.limits().entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey,
                e -> new EarningLimits(e.getValue().perDay(), e.getValue().perWeek(), e.getValue().cooldown())));
        this.catalog = new AtomicReference<>(RuleCatalog.defaults(configured));
    }

    void load(@Observes StartupEvent start) {
        List<EarningRule> known = stored.all().await().indefinitely();
        catalog.updateAndGet(current -> current.with(known));
    }

    public RuleCatalog current() {
        return catalog.get();
    }

    /** Keeps a new version, durably first, then for every following action. */
    public Uni<Void> add(EarningRule rule) {
        return stored.save(rule).invoke(() -> catalog.updateAndGet(current -> current.with(List.of(rule))));
    }
}
