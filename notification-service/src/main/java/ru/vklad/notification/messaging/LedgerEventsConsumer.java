package ru.vklad.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import ru.vklad.events.consumer.RetryableFailure;
import ru.vklad.events.LedgerEvent;
import ru.vklad.notification.persistence.BotReadModels;
import ru.vklad.notification.service.AwardNotifier;

@ApplicationScoped
public class LedgerEventsConsumer {

    private static final Logger LOG = Logger.getLogger(LedgerEventsConsumer.class);

    private final AwardNotifier notifier;
    private final BotReadModels models;

    public LedgerEventsConsumer(AwardNotifier notifier, BotReadModels models) {
        this.notifier = notifier;
        this.models = models;
    }

    @Incoming("ledger-events")
    public Uni<Void> consume(LedgerEvent event) {
        if (event == null) {
            return Uni.createFrom().voidItem();
        }
        // While PostgreSQL is away the event waits (both steps are idempotent): the dead-letter topic would lose a
        // member's message.
        return RetryableFailure.retried(() -> (event.type() == LedgerEvent.Type.ENTRY_POSTED
                        ? models.entryPosted(event) : Uni.createFrom().voidItem())
                        .chain(() -> notifier.onLedgerEvent(event)).replaceWithVoid(),
                failure -> LOG.warnf("Ledger event %s not handled yet, retrying: %s", event.eventId(), failure));
    }
}
