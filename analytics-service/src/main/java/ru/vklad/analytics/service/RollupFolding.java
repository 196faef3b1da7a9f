package ru.vklad.analytics.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import ru.vklad.analytics.persistence.PointsRollups;

/** Keeps the weekly and monthly rollups close behind the daily points, so a ranking read from them seldom folds first. */
@ApplicationScoped
public class RollupFolding {

    private static final Logger LOG = Logger.getLogger(RollupFolding.class);

    private final PointsRollups rollups;

    public RollupFolding(PointsRollups rollups) {
        this.rollups = rollups;
    }

    @Scheduled(every = "${vklad.analytics.rollups.fold-every:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> fold() {
        return rollups.caughtUp().onFailure().recoverWithItem(failure -> {
            LOG.warnf("The weekly and monthly rollups could not be folded (a ranking read from them folds first): %s",
                    failure.toString());
            return null;
        });
    }
}
