package ru.vklad.gateway.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import ru.vklad.events.AwardCommand;
import ru.vklad.events.LedgerEvent;
import ru.vklad.gateway.messaging.AwardCommandsPublisher;
import ru.vklad.gateway.persistence.EarningRule;
import ru.vklad.gateway.persistence.EarningRuleRepository;
import ru.vklad.gateway.persistence.ManualAward;
import ru.vklad.gateway.persistence.Member;

/**
 * Manual awards: HR gives a member points under a manual rule of the catalogue (approved idea, finished project,
 * contest win, other), within the rule's range and with a reason. Each request carries the client's idempotency key:
 * a retry returns the same command, the same key with a different request is refused, and the ledger sees one
 * idempotency key per award, so nothing is ever paid twice. The ledger's outcome is recorded when it arrives.
 */
@ApplicationScoped
public class AwardDesk {

    /** Rules HR may award by hand; activity rules are earned in VK, the weekly award is the analytics job's. */
    public static final Set<String> MANUAL_RULES = Set.of("approved_idea", "finished_project", "contest_win", "other");

    public record Request(long memberVkId, String ruleId, long points, String reason) {
    }

    private final EarningRuleRepository rules;
    private final AwardCommandsPublisher awards;
    private final Clock clock = Clock.systemUTC();

    private final AuditTrail audit;

    public AwardDesk(EarningRuleRepository rules, AwardCommandsPublisher awards, AuditTrail audit) {
        this.rules = rules;
        this.awards = awards;
        this.audit = audit;
    }

    /** Submits the award once per {@code idempotencyKey}; answers the command, new or the one submitted before. */
    public Uni<ManualAward> submit(Request request, String idempotencyKey, String hrUser) {
        String key = "manual:" + idempotencyKey;
        String fingerprint = fingerprint(request);
        return Panache.withTransaction(() -> ManualAward.<ManualAward>find("idempotencyKey", key).firstResult()
                .chain(existing -> {
                    if (existing != null) {
                        if (!existing.fingerprint.equals(fingerprint)) {
                            throw new AwardRefusedException(AwardRefusedException.Reason.KEY_REUSED, "Idempotency-Key",
                                    "this Idempotency-Key was used for a different award (command "
                                            + existing.commandId + "); use a new key for a new award");
                        }
                        return Uni.createFrom().item(existing);
                    }
                    return create(request, key, fingerprint, hrUser);
                }));
    }

    /** Whether the award could be submitted as asked: a manual rule, a known member, points within range. */
    public Uni<EarningRule> check(Request request) {
        return Panache.withSession(() -> validated(request, Instant.now(clock)));
    }

    private Uni<EarningRule> validated(Request request, Instant now) {
        if (!MANUAL_RULES.contains(request.ruleId())) {
            return Uni.createFrom().failure(new AwardRefusedException(AwardRefusedException.Reason.INVALID, "rule",
                    "not a manual award rule: " + request.ruleId() + " (one of " + String.join(", ",
                            MANUAL_RULES.stream().sorted().toList()) + ")"));
        }
        return Member.<Member>findById(request.memberVkId()).chain(member -> {
            if (member == null) {
                throw new AwardRefusedException(AwardRefusedException.Reason.UNKNOWN_MEMBER, "vkUserId",
                        "no member with VK id " + request.memberVkId() + " in the directory");
            }
            return rules.inForce(now);
        }).map(inForce -> {
            EarningRule rule = inForce.stream().filter(r -> r.ruleId.equals(request.ruleId())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("rule " + request.ruleId() + " is missing"));
            if (request.points() < rule.minPoints || request.points() > rule.maxPoints) {
                throw new AwardRefusedException(AwardRefusedException.Reason.INVALID, "points",
                        rule.title + " earns " + rule.minPoints + "–" + rule.maxPoints + " points, not "
                                + request.points());
            }
            return rule;
        });
    }

    private Uni<ManualAward> create(Request request, String key, String fingerprint, String hrUser) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        return validated(request, now).chain(rule -> {
            ManualAward award = new ManualAward();
            award.commandId = UUID.randomUUID().toString();
            award.idempotencyKey = key;
            award.fingerprint = fingerprint;
            award.memberVkId = request.memberVkId();
            award.ruleId = rule.ruleId;
            award.ruleVersion = rule.version;
            award.points = request.points();
            award.reason = request.reason();
            award.requestedBy = hrUser;
            award.requestedAt = now;
            award.status = "SUBMITTED";
            AwardCommand command = new AwardCommand(award.commandId, key, AwardCommand.Type.AWARD,
                    award.memberVkId, award.points, rule.ruleId, rule.version, award.reason, "gateway:" + hrUser, now);
            // Stored, then published in the same transaction: if the publish fails, nothing is stored and the
            // client retries with its key; if the commit fails after the publish, the ledger's key dedupes the retry.
            return award.<ManualAward>persist()
                    .call(saved -> audit.record("award.submit", "award:" + saved.commandId, null, saved))
                    .chain(saved -> awards.publish(command).replaceWith(saved));
        });
    }

    /** Records the ledger's outcome for a command submitted here (others' commands are not ours to track). */
    /**
     * Records what became of the manual awards among these ledger outcomes (a poll of them, in one statement): the
     * first outcome of a submitted award decides its status. Outcomes of other commands (the activity pipeline's)
     * match no award and change nothing.
     */
    public Uni<Void> outcomes(List<LedgerEvent> events) {
        Map<String, LedgerEvent> first = new LinkedHashMap<>();
        for (LedgerEvent event : events) {
            if (status(event) != null) {
                first.putIfAbsent(event.commandId(), event);
            }
        }
        if (first.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> ManualAward.<ManualAward>list("commandId in ?1 and status = 'SUBMITTED'",
                List.copyOf(first.keySet())).invoke(awards -> awards.forEach(award -> {
                    LedgerEvent event = first.get(award.commandId);
                    award.status = status(event);
                    award.entryId = event.entryId();
                    award.outcome = event.type() == LedgerEvent.Type.COMMAND_REJECTED ? event.reason() : null;
                    award.decidedAt = event.occurredAt();
                }))).replaceWithVoid();
    }

    /** The status a manual award takes from a ledger outcome; null for one that decides nothing. */
    private static String status(LedgerEvent event) {
        return switch (event.type()) {
            case ENTRY_POSTED -> "hold".equals(event.entryKind()) ? "HELD" : "POSTED";
            case COMMAND_DUPLICATE -> "DUPLICATE";
            case COMMAND_REJECTED -> "REJECTED";
            case BUDGET_EXCEEDED -> null;
        };
    }

    static String fingerprint(Request request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((request.memberVkId() + "\n" + request.ruleId()
                    + "\n" + request.points() + "\n" + request.reason()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
