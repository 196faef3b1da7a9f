package ru.vklad.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import ru.vklad.events.consumer.RetryableFailure;
import ru.vklad.events.LedgerEvent;
import ru.vklad.gateway.service.AwardDesk;

/** The ledger's outcome of every command, so HR sees what became of the awards they submitted. */
@ApplicationScoped
public class LedgerOutcomesConsumer {

    private static final Logger LOG = Logger.getLogger(LedgerOutcomesConsumer.class);

    private final AwardDesk desk;

    public LedgerOutcomesConsumer(AwardDesk desk) {
        this.desk = desk;
    }

    @Incoming("ledger-events")
    public Uni<Void> consume(LedgerEvent event) {
        return event == null ? Uni.createFrom().voidItem() : RetryableFailure.retried(() -> desk.outcome(event),
                failure -> LOG.warnf("Ledger outcome %s not recorded yet, retrying: %s", event.eventId(), failure));
    }
}
