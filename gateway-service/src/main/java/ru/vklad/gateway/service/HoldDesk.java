package ru.vklad.gateway.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import ru.vklad.events.AwardCommand;
import ru.vklad.gateway.messaging.AwardCommandsPublisher;

/**
 * HR's decision on a held award (over a budget, or flagged): approve, and the points become available to the
 * member; reject, and they return to issuance. The decision is keyed by the hold, so HR clicking twice, or two HR
 * users deciding at once, decide it once; the ledger refuses a second, different decision.
 */
@ApplicationScoped
public class HoldDesk {

    public enum Decision {
        APPROVE(AwardCommand.Type.APPROVE_HELD),
        REJECT(AwardCommand.Type.REJECT_HELD);

        private final AwardCommand.Type command;

        Decision(AwardCommand.Type command) {
            this.command = command;
        }
    }

    private final AwardCommandsPublisher awards;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    public HoldDesk(AwardCommandsPublisher awards, AuditTrail audit) {
        this.awards = awards;
        this.audit = audit;
    }

    /** Publishes the decision; answers its command id, under which the ledger reports the outcome. */
    public Uni<String> decide(String holdKey, long memberVkId, Decision decision, String reason, String hrUser) {
        String commandId = UUID.randomUUID().toString();
        AwardCommand command = new AwardCommand(commandId, holdKey + ":" + decision.name().toLowerCase(Locale.ROOT),
                decision.command, memberVkId, 0, null, 0, reason, "gateway:" + hrUser, Instant.now(clock), null,
                holdKey);
        return Panache.withTransaction(() -> audit.record("hold." + decision.name().toLowerCase(Locale.ROOT),
                        "hold:" + holdKey, null, command))
                .chain(() -> awards.publish(command)).replaceWith(commandId);
    }
}
