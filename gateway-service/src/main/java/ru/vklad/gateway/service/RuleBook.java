package ru.vklad.gateway.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import ru.vklad.events.EarningRuleChanged;
import ru.vklad.gateway.messaging.EarningRulesPublisher;
import ru.vklad.gateway.persistence.CommunityLimits;
import ru.vklad.gateway.persistence.EarningRule;
import ru.vklad.gateway.persistence.EarningRuleRepository;

/**
 * The earning rules master copy. A change is a new version, within the rule's range, effective from now or later,
 * never retroactively; it is stored and published to {@code earning-rules} in one transaction.
 */
@ApplicationScoped
public class RuleBook {

    private final EarningRuleRepository rules;
    private final EarningRulesPublisher publisher;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    public RuleBook(EarningRuleRepository rules, EarningRulesPublisher publisher, AuditTrail audit) {
        this.rules = rules;
        this.publisher = publisher;
        this.audit = audit;
    }

    public Uni<List<EarningRule>> inForce() {
        return Panache.withSession(() -> rules.inForce(Instant.now(clock)));
    }

    public Uni<EarningRule> change(String ruleId, RuleRevision revision, String changedBy) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        Instant from = revision.effectiveFrom() == null ? now : revision.effectiveFrom().truncatedTo(ChronoUnit.MICROS);
        if (from.isBefore(now.minusSeconds(60))) {
            return Uni.createFrom().failure(new RuleChangeException(
                    "effectiveFrom: a change cannot apply retroactively (" + from + " is in the past)", false));
        }
        if (revision.changesNothing()) {
            return Uni.createFrom().failure(new RuleChangeException(
                    "Nothing to change: give points, perDay, perWeek, cooldownSeconds or communities", false));
        }
        return Panache.withTransaction(() -> rules.latest(ruleId).chain(latest -> {
            if (latest == null) {
                return Uni.createFrom().failure(new RuleChangeException("No earning rule '" + ruleId + "'", true));
            }
            try {
                EarningRule next = nextVersion(latest, revision, changedBy, now, from);
                return rules.persist(next)
                        .call(saved -> audit.record("rule.change", "rule:" + ruleId, audit.snapshot(latest), saved))
                        .call(saved -> publisher.publish(event(saved)));
            } catch (RuleChangeException refused) {
                return Uni.createFrom().failure(refused);
            }
        }));
    }

    private static EarningRule nextVersion(EarningRule latest, RuleRevision revision, String changedBy, Instant now,
                                           Instant from) {
        long points = revision.points() == null ? latest.points : revision.points();
        if (points < latest.minPoints || points > latest.maxPoints) {
            throw new RuleChangeException("points: " + latest.ruleId + " may earn " + latest.minPoints + "–"
                    + latest.maxPoints + " points, not " + points, false);
        }
        if (revision.changesLimits() && !latest.capped()) {
            throw new RuleChangeException("perDay: " + latest.ruleId + " is awarded by HR, not counted from VK "
                    + "activity, and has no caps", false);
        }
        EarningRule next = new EarningRule();
        next.ruleId = latest.ruleId;
        next.version = latest.version + 1;
        next.title = latest.title;
        next.points = points;
        next.minPoints = latest.minPoints;
        next.maxPoints = latest.maxPoints;
        next.effectiveFrom = from.isBefore(now) ? now : from;
        next.changedBy = changedBy;
        next.changedAt = now;
        if (latest.capped()) {
            next.perDay = revision.perDay() == null ? latest.perDay : revision.perDay();
            next.perWeek = revision.perWeek() == null ? latest.perWeek : revision.perWeek();
            next.cooldownSeconds = revision.cooldownSeconds() == null ? latest.cooldownSeconds
                    : revision.cooldownSeconds();
            requireWeekHoldsADay("perWeek", next.perDay, next.perWeek);
            Map<Long, CommunityLimits> communities = new TreeMap<>();
            if (revision.communityLimits() == null) {
                latest.communityLimits.forEach((community, caps) -> communities.put(community,
                        new CommunityLimits(caps.perDay, caps.perWeek, caps.cooldownSeconds)));
            } else {
                revision.communityLimits().forEach((community, caps) -> {
                    requireWeekHoldsADay("communities." + community + ".perWeek", caps.perDay(), caps.perWeek());
                    communities.put(community, new CommunityLimits(caps.perDay(), caps.perWeek(),
                            caps.cooldownSeconds()));
                });
            }
            next.communityLimits.putAll(communities);
        }
        return next;
    }

    private static void requireWeekHoldsADay(String field, int perDay, int perWeek) {
        if (perDay > 0 && perWeek > 0 && perWeek < perDay) {
            throw new RuleChangeException(field + ": " + perWeek + " a week is less than " + perDay + " a day", false);
        }
    }

    /**
     * Publishes every version of every rule, seeds included, so readers that start empty (the bot, a new
     * service) know the whole catalogue. The topic is compacted by rule and version: publishing again is harmless.
     */
    public Uni<Integer> announceAll() {
        return Panache.withSession(() -> rules.listAll()).chain(all -> {
            Uni<Void> sent = Uni.createFrom().voidItem();
            for (EarningRule rule : all) {
                sent = sent.chain(() -> publisher.publish(event(rule)));
            }
            return sent.replaceWith(all.size());
        });
    }

    private static EarningRuleChanged event(EarningRule rule) {
        Map<Long, EarningRuleChanged.Limits> communities = new TreeMap<>();
        rule.communityLimits.forEach((community, caps) -> communities.put(community,
                new EarningRuleChanged.Limits(caps.perDay, caps.perWeek, caps.cooldownSeconds)));
        return new EarningRuleChanged(rule.ruleId, rule.version, rule.title, rule.points, rule.minPoints,
                rule.maxPoints, rule.effectiveFrom, rule.changedBy, rule.changedAt, rule.capped()
                        ? new EarningRuleChanged.Limits(rule.perDay, rule.perWeek, rule.cooldownSeconds) : null,
                communities);
    }
}
