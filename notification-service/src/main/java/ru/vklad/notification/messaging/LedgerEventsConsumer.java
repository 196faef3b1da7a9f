package ru.vklad.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import ru.vklad.events.LedgerEvent;
import ru.vklad.notification.service.AwardNotifier;

@ApplicationScoped
public class LedgerEventsConsumer {

    private final AwardNotifier notifier;

    public LedgerEventsConsumer(AwardNotifier notifier) {
        this.notifier = notifier;
    }

    @Incoming("ledger-events")
    public Uni<Void> consume(LedgerEvent event) {
        return event == null ? Uni.createFrom().voidItem() : notifier.onLedgerEvent(event).replaceWithVoid();
    }
}
