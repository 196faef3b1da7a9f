package ru.vklad.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import ru.vklad.events.consumer.RetryableFailure;
import ru.vklad.events.EarningRuleChanged;
import ru.vklad.notification.persistence.BotReadModels;

/** Every version of the earning rules, so the bot can tell members the rules in force. */
@ApplicationScoped
public class EarningRulesConsumer {

    private static final Logger LOG = Logger.getLogger(EarningRulesConsumer.class);

    private final BotReadModels models;

    public EarningRulesConsumer(BotReadModels models) {
        this.models = models;
    }

    @Incoming("earning-rules")
    public Uni<Void> consume(EarningRuleChanged rule) {
        return rule == null ? Uni.createFrom().voidItem() : RetryableFailure.retried(() -> models.ruleChanged(rule),
                failure -> LOG.warnf("Rule %s v%d not recorded yet, retrying: %s", rule.ruleId(), rule.version(), failure));
    }
}
