package ru.vklad.notification.service;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import ru.vklad.notification.config.VkMessagingConfig;
import ru.vklad.notification.messaging.NotificationDeadLetters;
import ru.vklad.notification.persistence.DeliveryLog;
import ru.vklad.notification.persistence.DeliveryLog.Delivery;
import ru.vklad.notification.persistence.Recipients;
import ru.vklad.notification.vk.MessageSink;
import ru.vklad.notification.vk.RecordingSink;
import ru.vklad.notification.vk.SendResult;
import ru.vklad.notification.vk.VkMessenger;

/**
 * Sends PENDING notifications through VK: claims a batch (one replica per row, for a lease), sends each with its
 * {@code random_id} at the token's rate, and records the outcome. Retryable failures wait with backoff; after the
 * last attempt a notification is FAILED and parked in the dead-letter topic. A rejected token (error 5) halts
 * sending and raises {@code vklad.notify.vk.token.rejected} instead of burning attempts; the notifications wait,
 * PENDING, until the token works again (checked every {@code vklad.notify.vk.token-recheck}) or a new one is
 * deployed.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final String TOKEN_REJECTED = "vklad.notify.vk.token.rejected";

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final VkMessagingConfig config;
    private final DeliveryLog deliveries;
    private final Recipients recipients;
    private final NotificationDeadLetters deadLetters;
    private final LikeCoalescing likes;
    private final MessageSink sink;
    private final SendRateLimiter limiter;
    private final Backoff backoff;
    private final AtomicBoolean tokenRejected = new AtomicBoolean();
    private volatile Instant tokenRejectedAt = Instant.MIN;
    private final MeterRegistry registry;
    private final Gauge tokenRejectedGauge;
    private final Counter sent;
    private final Counter retried;
    private final Counter failed;
    private final Counter unreachable;

    public DeliveryWorker(VkMessagingConfig config, DeliveryLog deliveries, Recipients recipients,
                          NotificationDeadLetters deadLetters, LikeCoalescing likes, MeterRegistry registry) {
        this.likes = likes;
        this.config = config;
        this.deliveries = deliveries;
        this.recipients = recipients;
        this.deadLetters = deadLetters;
        this.sink = config.sending() ? new VkMessenger(config.vk()) : new RecordingSink();
        this.limiter = new SendRateLimiter(config.sending() ? config.vk().requestsPerSecond() : 0,
                SendRateLimiter.Clock.SYSTEM);
        this.backoff = new Backoff(config.delivery().initialBackoff(), config.delivery().maxBackoff());
        this.registry = registry;
        // A gauge left by an earlier application in this JVM (tests restart Quarkus; its removal at shutdown can
        // come too late) would be returned instead of a new one, bound to that application's flag: drop it first.
        registry.find(TOKEN_REJECTED).gauges().forEach(registry::remove);
        this.tokenRejectedGauge = Gauge.builder(TOKEN_REJECTED, tokenRejected, f -> f.get() ? 1 : 0)
                .description("1 while VK rejects the community token (error 5) and sending is halted")
                .strongReference(true).register(registry);
        this.sent = registry.counter("vklad.notify.messages", "outcome", "sent");
        this.retried = registry.counter("vklad.notify.messages", "outcome", "retried");
        this.failed = registry.counter("vklad.notify.messages", "outcome", "failed");
        this.unreachable = registry.counter("vklad.notify.messages", "outcome", "unreachable");
    }

    @Scheduled(every = "${vklad.notify.delivery.poll-interval:500ms}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliverDue() throws InterruptedException {
        if (tokenRejected.get()) {
            if (Instant.now().isBefore(tokenRejectedAt.plus(config.vk().tokenRecheck()))) {
                return;
            }
            // Someone may have re-enabled the token in VK: try once more; a second error 5 halts again.
            LOG.info("Trying the VK token again after it was rejected");
            tokenRejected.set(false);
        }
        while (!tokenRejected.get()) {
            List<Delivery> batch = deliveries.claimDue(config.delivery().batchSize(), config.delivery().lease())
                    .await().indefinitely();
            Set<String> folded = new HashSet<>();
            for (Delivery delivery : batch) {
                if (!folded.contains(delivery.notificationId())) {
                    deliverOrPostpone(delivery, batch, folded);
                }
            }
            if (batch.size() < config.delivery().batchSize()) {
                return;
            }
        }
    }

    /** A gauge outlives its bean in a shared registry (several applications in one JVM, as in tests): remove it. */
    @PreDestroy
    void unregister() {
        registry.remove(tokenRejectedGauge);
    }

    public boolean tokenRejected() {
        return tokenRejected.get();
    }

    /** One bad notification must not stop the others: it is retried with backoff and, in the end, parked. */
    private void deliverOrPostpone(Delivery delivery, List<Delivery> batch, Set<String> folded)
            throws InterruptedException {
        try {
            deliver(delivery, batch, folded);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Notification %s could not be processed", delivery.notificationId());
            int attempt = delivery.attempts() + 1;
            if (attempt < config.delivery().maxAttempts()) {
                deliveries.retryLater(delivery.notificationId(), "internal: " + e, backoff.after(attempt))
                        .await().indefinitely();
            } else {
                giveUp(delivery, attempt, "internal: " + e);
            }
        }
    }

    private void deliver(Delivery claimed, List<Delivery> batch, Set<String> folded) throws InterruptedException {
        if (tokenRejected.get()) {
            deliveries.release(claimed.notificationId(), "sending halted: VK rejected the token (error 5)")
                    .await().indefinitely();
            return;
        }
        Delivery delivery = likes.fold(claimed, batch, folded);
        limiter.acquire();
        SendResult result = sink.send(delivery.vkUserId(), delivery.randomId(), delivery.text(),
                CommunityBot.KIND.equals(delivery.kind()) ? CommunityBot.keyboard() : null);
        int attempt = delivery.attempts() + 1;
        if (result instanceof SendResult.Recorded) {
            deliveries.markRecorded(delivery.notificationId()).await().indefinitely();
        } else if (result instanceof SendResult.Sent s) {
            deliveries.markSent(delivery.notificationId(), s.messageId()).await().indefinitely();
            sent.increment();
        } else if (result instanceof SendResult.NotAllowed n) {
            String error = "VK error " + n.code() + ": " + n.description();
            deliveries.markUnreachable(delivery.notificationId(), error).await().indefinitely();
            recipients.markUnreachable(delivery.vkUserId()).await().indefinitely();
            unreachable.increment();
        } else if (result instanceof SendResult.TokenRejected t) {
            if (tokenRejected.compareAndSet(false, true)) {
                tokenRejectedAt = Instant.now();
                LOG.errorf("VK rejected the community token (error 5: %s): sending is halted until a valid token "
                        + "is configured; notifications stay PENDING", t.description());
            }
            deliveries.release(delivery.notificationId(), "VK error 5: " + t.description()).await().indefinitely();
        } else if (result instanceof SendResult.Retryable r) {
            if (attempt < config.delivery().maxAttempts()) {
                deliveries.retryLater(delivery.notificationId(), r.reason(), backoff.after(attempt))
                        .await().indefinitely();
                retried.increment();
            } else {
                giveUp(delivery, attempt, r.reason());
            }
        } else if (result instanceof SendResult.Failed f) {
            giveUp(delivery, attempt, "VK error " + f.code() + ": " + f.description());
        }
    }

    private void giveUp(Delivery delivery, int attempts, String error) {
        LOG.warnf("Notification %s to %d not delivered after %d attempts: %s", delivery.notificationId(),
                delivery.vkUserId(), attempts, error);
        // Parked before it is marked, so a crash in between can only park it twice, never lose it.
        deadLetters.park(delivery, attempts, error).await().indefinitely();
        deliveries.markFailed(delivery.notificationId(), error).await().indefinitely();
        failed.increment();
    }
}
