package ru.vklad.ledger.messaging;

import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import ru.vklad.events.AwardCommand;
import ru.vklad.ledger.service.CommandProcessor;

/**
 * Consumes {@code award-commands} in batches (one poll at a time): every command gets an outcome on
 * {@code ledger-events}, written to the outbox with the entries of its batch, and the batch's offsets are committed
 * only after that. Redelivery is harmless: the idempotency key admits one entry and a repeat is a duplicate.
 */
@ApplicationScoped
public class AwardCommandConsumer {

    private static final Logger LOG = Logger.getLogger(AwardCommandConsumer.class);

    private final CommandProcessor processor;
    private final OutboxRelay relay;

    public AwardCommandConsumer(CommandProcessor processor, OutboxRelay relay) {
        this.processor = processor;
        this.relay = relay;
    }

    @Incoming("award-commands")
    public Uni<Void> consume(List<AwardCommand> batch) {
        List<AwardCommand> commands = batch.stream().filter(Objects::nonNull).toList();
        if (commands.size() < batch.size()) {
            LOG.warnf("Skipping %d award commands that could not be read", batch.size() - commands.size());
        }
        return processor.process(commands).invoke(relay::kick);
    }
}
