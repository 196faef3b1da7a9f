package ru.vklad.ledger.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import ru.vklad.events.AwardCommand;
import ru.vklad.ledger.config.LedgerConfig;
import ru.vklad.ledger.persistence.Holds;

/**
 * Rejects held awards HR has not decided within {@code vklad.ledger.holds.expire-after}: their points return to
 * issuance and the member hears why. Each expiry is an ordinary rejection command with a key derived from the
 * hold, so replicas running the job at once, or HR deciding at the same moment, still decide each hold once.
 */
@ApplicationScoped
public class HoldExpiry {

    private static final Logger LOG = Logger.getLogger(HoldExpiry.class);
    private static final int BATCH = 500;

    private final Holds holds;
    private final CommandProcessor processor;
    private final Duration expireAfter;
    private final LedgerClock clock;

    public HoldExpiry(Holds holds, CommandProcessor processor, LedgerConfig config, LedgerClock clock) {
        this.holds = holds;
        this.clock = clock;
        this.processor = processor;
        this.expireAfter = config.holds().expireAfter();
    }

    @Scheduled(every = "${vklad.ledger.holds.expiry-every:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onTimer() {
        return expireHeldBefore(clock.now().minus(expireAfter)).replaceWithVoid();
    }

    /** Rejects up to one batch of holds posted before {@code cutoff}; answers how many it asked to reject. */
    public Uni<Integer> expireHeldBefore(Instant cutoff) {
        return holds.waiting(cutoff, BATCH).chain(waiting -> {
            if (waiting.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<AwardCommand> rejections = waiting.stream().map(this::rejection).toList();
            LOG.infof("Rejecting %d held awards not decided within %s", rejections.size(), expireAfter);
            return processor.process(rejections).replaceWith(rejections.size());
        });
    }

    private AwardCommand rejection(Holds.WaitingHold hold) {
        return hold.rejection("hold-expiry-" + hold.entryId(), "expired",
                "HR не подтвердил начисление за " + expireAfter.toDays() + " дн.", clock.now());
    }
}
