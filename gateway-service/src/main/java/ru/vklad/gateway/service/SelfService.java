package ru.vklad.gateway.service;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import ru.vklad.events.AwardCommand;
import ru.vklad.gateway.messaging.AwardCommandsPublisher;

/**
 * What an employee does for themselves: redeem points into the Spasibo program. The ledger decides (minimum,
 * enough points available); the command is keyed by the member and the client's idempotency key, so a retry
 * redeems once.
 */
@ApplicationScoped
public class SelfService {

    static final String REDEMPTION_REASON = "обмен баллов на бонусы «Спасибо»";

    private final AwardCommandsPublisher awards;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    public SelfService(AwardCommandsPublisher awards, AuditTrail audit) {
        this.awards = awards;
        this.audit = audit;
    }

    /** Answers the command id, under which the ledger reports the outcome. */
    public Uni<String> redeem(long vkUserId, long points, String idempotencyKey) {
        String commandId = UUID.nameUUIDFromBytes(("redeem:" + vkUserId + ":" + idempotencyKey)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        AwardCommand command = new AwardCommand(commandId, "redeem:" + vkUserId + ":" + idempotencyKey,
                AwardCommand.Type.REDEEM, vkUserId, points, null, 0, REDEMPTION_REASON, "gateway:self-service",
                Instant.now(clock));
        return Panache.withTransaction(() -> audit.record("redemption.request", "member:" + vkUserId, null, command))
                .chain(() -> awards.publish(command)).replaceWith(commandId);
    }
}
