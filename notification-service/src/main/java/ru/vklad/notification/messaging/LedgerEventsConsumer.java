package ru.vklad.notification.messaging;

import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import ru.vklad.events.consumer.RetryableFailure;
import ru.vklad.events.LedgerEvent;
import ru.vklad.notification.persistence.BotReadModels;
import ru.vklad.notification.service.AwardNotifier;

/**
 * What the ledger posted, a Kafka poll at a time: the bot's copy of members' entries, and the messages that tell
 * members of them.
 */
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
    public Uni<Void> consume(List<LedgerEvent> polled) {
        List<LedgerEvent> events = polled.stream().filter(Objects::nonNull).toList();
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // While PostgreSQL is away the poll waits (both steps are idempotent): the dead-letter topic would lose
        // members' messages.
        return RetryableFailure.retried(() -> models.entriesPosted(events).chain(() -> notifier.onLedgerEvents(events)),
                failure -> LOG.warnf("A poll of %d ledger events not handled yet, retrying: %s", events.size(),
                        failure));
    }
}
