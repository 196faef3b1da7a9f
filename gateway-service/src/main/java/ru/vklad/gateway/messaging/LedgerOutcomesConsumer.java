package ru.vklad.gateway.messaging;

import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import ru.vklad.events.consumer.RetryableFailure;
import ru.vklad.events.LedgerEvent;
import ru.vklad.gateway.service.AwardDesk;

/**
 * The ledger's outcome of every command, so HR sees what became of the awards they submitted; a Kafka poll at a
 * time, since nearly all of them are the activity pipeline's and concern no manual award.
 */
@ApplicationScoped
public class LedgerOutcomesConsumer {

    private static final Logger LOG = Logger.getLogger(LedgerOutcomesConsumer.class);

    private final AwardDesk desk;

    public LedgerOutcomesConsumer(AwardDesk desk) {
        this.desk = desk;
    }

    @Incoming("ledger-events")
    public Uni<Void> consume(List<LedgerEvent> polled) {
        List<LedgerEvent> events = polled.stream().filter(Objects::nonNull).toList();
        return events.isEmpty() ? Uni.createFrom().voidItem() : RetryableFailure.retried(() -> desk.outcomes(events),
                failure -> LOG.warnf("A poll of %d ledger outcomes not recorded yet, retrying: %s", events.size(),
                        failure));
    }
}
