package ru.vklad.ledger.service;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import ru.vklad.ledger.persistence.LedgerAudit;

/** Runs the invariant check on a schedule, logs any violation and exposes their count as a metric to alert on. */
@ApplicationScoped
public class InvariantWatch {

    private static final Logger LOG = Logger.getLogger(InvariantWatch.class);

    private final LedgerAudit audit;
    private final AtomicInteger violations;

    public InvariantWatch(LedgerAudit audit, MeterRegistry metrics) {
        this.audit = audit;
        this.violations = metrics.gauge("vklad.ledger.invariant.violations", new AtomicInteger());
    }

    @Scheduled(every = "${vklad.ledger.check-every:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return audit.check().invoke(found -> {
            violations.set(found.size());
            found.forEach(v -> LOG.errorf("Ledger invariant '%s' violated: %s", v.invariant(), v.detail()));
        }).replaceWithVoid();
    }
}
