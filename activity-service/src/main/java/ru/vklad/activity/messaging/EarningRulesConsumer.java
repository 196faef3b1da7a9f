package ru.vklad.activity.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import ru.vklad.events.consumer.RetryableFailure;
import ru.vklad.activity.service.EarningLimits;
import ru.vklad.activity.service.EarningRule;
import ru.vklad.activity.service.RuleBook;
import ru.vklad.events.EarningRuleChanged;

/** Follows the gateway's rule changes; each version applies from its own effective time on. */
@ApplicationScoped
public class EarningRulesConsumer {

    private static final Logger LOG = Logger.getLogger(EarningRulesConsumer.class);

    private final RuleBook rules;

    public EarningRulesConsumer(RuleBook rules) {
        this.rules = rules;
    }

    @Incoming("earning-rules")
    public Uni<Void> consume(EarningRuleChanged change) {
        if (change == null) {
            return Uni.createFrom().voidItem();
        }
        EarningRule rule;
        try {
            Map<Long, EarningLimits> byCommunity = new TreeMap<>();
            change.communityLimits().forEach((community, caps) -> byCommunity.put(community, limits(caps)));
            rule = new EarningRule(change.ruleId(), change.version(), change.title(), change.points(),
                    change.minPoints(), change.maxPoints(), change.effectiveFrom(),
                    change.limits() == null ? null : limits(change.limits()), byCommunity);
        } catch (IllegalArgumentException e) {
            LOG.errorf("Ignoring an invalid earning rule version %s: %s", change.key(), e.getMessage());
            return Uni.createFrom().voidItem();
        }
        LOG.infof("Earning rule %s v%d: %d points from %s, caps %s%s", rule.id(), rule.version(), rule.points(),
                rule.effectiveFrom(), rule.limits() == null ? "as configured" : rule.limits(),
                rule.communityLimits().isEmpty() ? "" : ", by community " + rule.communityLimits());
        return RetryableFailure.retried(() -> rules.add(rule), failure -> LOG.warnf(
                "Earning rule %s v%d not recorded yet, retrying: %s", rule.id(), rule.version(), failure));
    }

    private static EarningLimits limits(EarningRuleChanged.Limits stated) {
        return new EarningLimits(stated.perDay(), stated.perWeek(), Duration.ofSeconds(stated.cooldownSeconds()));
    }
}
