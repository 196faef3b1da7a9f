package ru.vklad.gateway.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import ru.vklad.events.AwardCommand;
import ru.vklad.gateway.messaging.AwardCommandsPublisher;
import ru.vklad.gateway.persistence.EarningRuleRepository;
import ru.vklad.gateway.persistence.IdeaCandidate;

/**
 * HR's decisions on idea candidates. An approval awards the author points within the approved-idea rule's range
 * through the ledger, with an idempotency key naming the idea, so an idea can never be paid twice.
 */
@ApplicationScoped
public class IdeaDesk {

    static final String RULE = "approved_idea";

    private final EarningRuleRepository rules;
    private final AwardCommandsPublisher awards;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    public IdeaDesk(EarningRuleRepository rules, AwardCommandsPublisher awards, AuditTrail audit) {
        this.rules = rules;
        this.awards = awards;
        this.audit = audit;
    }

    public Uni<IdeaCandidate> approve(String ideaId, long points, String hrUser) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> pending(ideaId).chain(idea -> rules.inForce(now).chain(inForce -> {
            var rule = inForce.stream().filter(r -> r.ruleId.equals(RULE)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("rule " + RULE + " is missing"));
            if (points < rule.minPoints || points > rule.maxPoints) {
                throw new IdeaDecisionException(IdeaDecisionException.Reason.POINTS_OUT_OF_RANGE,
                        "points: an approved idea earns " + rule.minPoints + "–" + rule.maxPoints + " points, not "
                                + points);
            }
            String before = audit.snapshot(idea);
            String key = "idea:" + idea.activityId;
            AwardCommand command = new AwardCommand(key, key, AwardCommand.Type.AWARD, idea.authorVkId, points, RULE,
                    rule.version, "за одобренную идею «" + excerpt(idea.text) + "»", "gateway:" + hrUser, now);
            idea.status = "APPROVED";
            idea.points = points;
            idea.decidedBy = hrUser;
            idea.decidedAt = now;
            idea.awardCommand = key;
            return audit.record("idea.approve", "idea:" + idea.activityId, before, idea)
                    .chain(() -> awards.publish(command)).replaceWith(idea);
        })));
    }

    public Uni<IdeaCandidate> reject(String ideaId, String reason, String hrUser) {
        return Panache.withTransaction(() -> pending(ideaId).chain(idea -> {
            String before = audit.snapshot(idea);
            idea.status = "REJECTED";
            idea.rejectReason = reason;
            idea.decidedBy = hrUser;
            idea.decidedAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
            return audit.record("idea.reject", "idea:" + idea.activityId, before, idea).replaceWith(idea);
        }));
    }

    private static Uni<IdeaCandidate> pending(String ideaId) {
        return IdeaCandidate.<IdeaCandidate>findById(ideaId).map(idea -> {
            if (idea == null) {
                throw new IdeaDecisionException(IdeaDecisionException.Reason.UNKNOWN_IDEA, "No idea candidate " + ideaId);
            }
            if (!"PENDING".equals(idea.status)) {
                throw new IdeaDecisionException(IdeaDecisionException.Reason.ALREADY_DECIDED, "Idea " + ideaId
                        + " was already " + idea.status.toLowerCase() + " by " + idea.decidedBy);
            }
            return idea;
        });
    }

    private static String excerpt(String text) {
        String plain = text.replaceAll("\\s+", " ").strip();
        return plain.length() <= 60 ? plain : plain.substring(0, 59) + "…";
    }
}
