package ru.vklad.ledger.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import ru.vklad.events.AwardCommand;
import ru.vklad.events.LedgerEvent;
import ru.vklad.ledger.persistence.JournalRepository;
import ru.vklad.ledger.persistence.Outbox;
import ru.vklad.ledger.service.AwardPlanner;
import ru.vklad.ledger.service.CommandRejectedException;
import ru.vklad.ledger.service.PostingResult;

/**
 * Consumes {@code award-commands}: every command gets an outcome on {@code ledger-events}, written to the outbox
 * with the entry it reports. Redelivery is harmless: the idempotency key admits one entry and a repeat is reported
 * as a duplicate.
 */
@ApplicationScoped
public class AwardCommandConsumer {

    private static final Logger LOG = Logger.getLogger(AwardCommandConsumer.class);

    private final JournalRepository journal;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock = Clock.systemUTC();

    public AwardCommandConsumer(JournalRepository journal, Outbox outbox, OutboxRelay relay) {
        this.journal = journal;
        this.outbox = outbox;
        this.relay = relay;
    }

    @Incoming("award-commands")
    public Uni<Void> consume(AwardCommand command) {
        if (command == null) {
            LOG.warn("Skipping an award command that could not be read");
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> switch (command.type()) {
                    case AWARD -> journal.post(AwardPlanner.plan(command), result -> outcome(command, result));
                    case REVERSE -> {
                        AwardPlanner.validateReversal(command);
                        yield journal.reverse(command, result -> outcome(command, result));
                    }
                })
                .replaceWithVoid()
                .onFailure(CommandRejectedException.class)
                .recoverWithUni(e -> outbox.add(rejected(command, e.getMessage())))
                .invoke(relay::kick);
    }

    private LedgerEvent outcome(AwardCommand command, PostingResult result) {
        LedgerEvent.Type type = result.duplicate() ? LedgerEvent.Type.COMMAND_DUPLICATE : LedgerEvent.Type.ENTRY_POSTED;
        // A posted entry's event id is derived from the entry, so publishing it twice is recognisably one fact.
        String eventId = result.duplicate() ? UUID.randomUUID().toString() : "entry-" + result.entryId();
        // Points are the change to the member's balance: a reversal takes them away.
        long points = command.type() == AwardCommand.Type.REVERSE ? -Math.abs(command.points()) : command.points();
        return new LedgerEvent(eventId, type, command.commandId(), command.idempotencyKey(), result.entryId(),
                command.memberVkId(), points, result.memberBalance(), command.reason(), Instant.now(clock),
                command.ruleId());
    }

    private LedgerEvent rejected(AwardCommand command, String reason) {
        LOG.warnf("Award command %s rejected: %s", command.commandId(), reason);
        return new LedgerEvent(UUID.randomUUID().toString(), LedgerEvent.Type.COMMAND_REJECTED, command.commandId(),
                command.idempotencyKey(), null, command.memberVkId(), command.points(), null, reason,
                Instant.now(clock), command.ruleId());
    }
}
