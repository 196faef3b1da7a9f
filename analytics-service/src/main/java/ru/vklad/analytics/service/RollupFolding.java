package ru.vklad.analytics.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import ru.vklad.analytics.persistence.PointsRollups;

/**
 * Keeps the weekly and monthly rollups close behind the daily points, so a ranking read from them seldom folds first.
 * After a fold that took long (a backlog draining) it pauses for a few times as long before the next one: the
 * changes of one member's week and month pile up and are written once, so the fold takes a bounded share of
 * PostgreSQL from the ingest. Live traffic folds in milliseconds and keeps the configured pace.
 */
@ApplicationScoped
public class RollupFolding {

    private static final Logger LOG = Logger.getLogger(RollupFolding.class);

    /** The pause after a fold, in multiples of the time it took. */
    static final int PAUSE_PER_FOLD_TIME = 3;

    private final PointsRollups rollups;
    private volatile long notBefore = System.nanoTime();

    public RollupFolding(PointsRollups rollups) {
        this.rollups = rollups;
    }

    @Scheduled(every = "${vklad.analytics.rollups.fold-every:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> fold() {
        long started = System.nanoTime();
        if (started - notBefore < 0) {
            return Uni.createFrom().voidItem();
        }
        return rollups.caughtUp()
                .invoke(() -> {
                    long finished = System.nanoTime();
                    notBefore = finished + PAUSE_PER_FOLD_TIME * (finished - started);
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("The weekly and monthly rollups could not be folded (a ranking read from them folds "
                            + "first): %s", failure.toString());
                    return null;
                });
    }
}
