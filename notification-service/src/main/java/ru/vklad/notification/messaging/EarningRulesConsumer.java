package ru.vklad.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import ru.vklad.events.EarningRuleChanged;
import ru.vklad.notification.persistence.BotReadModels;

/** Every version of the earning rules, so the bot can tell members the rules in force. */
@ApplicationScoped
public class EarningRulesConsumer {

    private final BotReadModels models;

    public EarningRulesConsumer(BotReadModels models) {
        this.models = models;
    }

    @Incoming("earning-rules")
    public Uni<Void> consume(EarningRuleChanged rule) {
        return rule == null ? Uni.createFrom().voidItem() : models.ruleChanged(rule);
    }
}
