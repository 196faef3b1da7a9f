package ru.vklad.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import ru.vklad.events.EarningRuleChanged;

/** Publishes rule versions to the compacted {@code earning-rules} topic, one key per version. */
@ApplicationScoped
public class EarningRulesPublisher {

    private final MutinyEmitter<EarningRuleChanged> emitter;

    public EarningRulesPublisher(@Channel("earning-rules-out") MutinyEmitter<EarningRuleChanged> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(EarningRuleChanged rule) {
        return KeyedPublisher.send(emitter, rule.key(), rule);
    }
}
