package ru.vklad.activity.service;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import ru.vklad.activity.config.VkCallbackConfig;
import ru.vklad.activity.messaging.RawCallbackPublisher;
import ru.vklad.activity.vk.VkCallback;
import ru.vklad.activity.vk.VkCallbackParser;
import ru.vklad.activity.vk.VkEventTypes;
import ru.vklad.events.VkCallbackReceived;

/**
 * Accepts VK Callback API requests: authenticates them by community secret, answers confirmations, and
 * acknowledges an event only once its raw body is durably in Kafka.
 */
@ApplicationScoped
public class CallbackIntake {

    private final VkCallbackConfig config;
    private final VkCallbackParser parser;
    private final RawCallbackPublisher publisher;
    private final MeterRegistry metrics;
    private final Clock clock;

    public CallbackIntake(VkCallbackConfig config, ObjectMapper mapper, RawCallbackPublisher publisher,
                          MeterRegistry metrics) {
        this.config = config;
        this.parser = new VkCallbackParser(mapper);
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    public Uni<CallbackAnswer> accept(String body) {
        VkCallback callback = parser.parse(body);
        VkCallbackConfig.Community community = config.communities().get(String.valueOf(callback.groupId()));
        if (community == null) {
            count(callback, "unknown_community");
            throw new CallbackRefusedException("community " + callback.groupId() + " is not configured");
        }
        if (callback.isConfirmation()) {
            // VK sends the secret with confirmations only when it is already set; a wrong one is still refused.
            if (callback.secret() != null && !SecretComparison.matches(community.secret(), callback.secret())) {
                count(callback, "bad_secret");
                throw new CallbackRefusedException("wrong secret for community " + callback.groupId());
            }
            count(callback, "confirmed");
            return Uni.createFrom().item(CallbackAnswer.confirmation(community.confirmation()));
        }
        if (!SecretComparison.matches(community.secret(), callback.secret())) {
            count(callback, "bad_secret");
            throw new CallbackRefusedException("missing or wrong secret for community " + callback.groupId());
        }
        if (!VkEventTypes.isHandled(callback.type())) {
            metrics.counter("vklad.callbacks.unhandled", "type", callback.type()).increment();
            count(callback, "unhandled");
            return Uni.createFrom().item(CallbackAnswer.OK);
        }
        VkCallbackReceived received = new VkCallbackReceived(callback.groupId(), callback.eventId(), callback.type(),
                Instant.now(clock), callback.bodyWithoutSecret());
        String key = callback.actorId() > 0 ? String.valueOf(callback.actorId()) : callback.eventId();
        return publisher.publish(key, received)
                .invoke(() -> count(callback, "accepted"))
                .replaceWith(CallbackAnswer.OK);
    }

    private void count(VkCallback callback, String outcome) {
        String type = VkEventTypes.isHandled(callback.type()) || callback.isConfirmation() ? callback.type() : "other";
        metrics.counter("vklad.callbacks", "type", type, "outcome", outcome).increment();
    }
}
