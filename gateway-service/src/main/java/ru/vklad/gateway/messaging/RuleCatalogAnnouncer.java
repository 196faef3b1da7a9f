package ru.vklad.gateway.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import ru.vklad.gateway.service.RuleBook;

/** At start, the whole rule catalogue goes to {@code earning-rules}, retried until Kafka takes it. */
@ApplicationScoped
public class RuleCatalogAnnouncer {

    private static final Logger LOG = Logger.getLogger(RuleCatalogAnnouncer.class);

    void onStart(@Observes StartupEvent start, RuleBook rules) {
        // Hibernate Reactive needs a Vert.x context; the start-up thread has none. Not awaited: start-up goes on.
        VertxContextSupport.subscribe(() -> rules.announceAll()
                        .onFailure().invoke(e -> LOG.warnf("Publishing the rule catalogue failed, retrying: %s", e))
                        .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely().toMulti(),
                subscription -> subscription.with(count ->
                        LOG.infof("Published the rule catalogue: %d rule versions", count)));
    }
}
