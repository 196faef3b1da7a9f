package ru.vklad.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import ru.vklad.events.LedgerEvent;
import ru.vklad.notification.persistence.BotReadModels;
import ru.vklad.notification.service.AwardNotifier;

@ApplicationScoped
public class LedgerEventsConsumer {

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
        Uni<Void> known = event.type() == LedgerEvent.Type.ENTRY_POSTED
                ? models.entryPosted(event) : Uni.createFrom().voidItem();
        return known.chain(() -> notifier.onLedgerEvent(event)).replaceWithVoid();
    }
}
