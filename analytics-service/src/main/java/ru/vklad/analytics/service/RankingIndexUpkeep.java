package ru.vklad.analytics.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import ru.vklad.analytics.persistence.DailyPointsMirror;

/** Keeps this replica's in-memory rankings loaded and close behind the tables, so a ranking seldom waits for them. */
@ApplicationScoped
public class RankingIndexUpkeep {

    private static final Logger LOG = Logger.getLogger(RankingIndexUpkeep.class);

    private final DailyPointsMirror mirror;

    public RankingIndexUpkeep(DailyPointsMirror mirror) {
        this.mirror = mirror;
    }

    @Scheduled(every = "${vklad.analytics.ranking-index.refresh-every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> catchUp() {
        return mirror.catchUp().onFailure().recoverWithItem(failure -> {
            LOG.warnf("The in-memory rankings could not catch up (rankings read the tables meanwhile): %s",
                    failure.toString());
            return null;
        });
    }
}
