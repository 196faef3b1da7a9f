package ru.vklad.ledger.messaging;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import ru.vklad.ledger.config.LedgerConfig;
import ru.vklad.ledger.persistence.Outbox;

/**
 * Moves committed events from the outbox to {@code ledger-events}. Kicked after every batch for low latency,
 * and on a timer, so events written just before a crash are published after the restart. A row is removed only
 * after the broker acknowledged it: a crash in between publishes it again, which consumers deduplicate by
 * event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Outbox outbox;
    private static final String CHANNEL = "ledger-events-out";

    private final KafkaClientService clients;
    private final String topic;
    private final int batchSize;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    private final Timer rounds;

    // The emitter is not used to send: it declares the channel, whose producer (configured, health-checked)
    // the relay drives directly.
    public OutboxRelay(Outbox outbox, @Channel(CHANNEL) MutinyEmitter<String> channel, KafkaClientService clients,
                       @ConfigProperty(name = "mp.messaging.outgoing." + CHANNEL + ".topic") String topic,
                       LedgerConfig config, MeterRegistry metrics) {
        this.outbox = outbox;
        this.clients = clients;
        this.topic = topic;
        this.batchSize = config.outbox().batchSize();
        this.rounds = metrics.timer("vklad.ledger.outbox.round");
    }

    /** Asks for a relay round; returns at once. */
    public void kick() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            drain();
        }
    }

    // Not before the application runs: the first round created this bean before the Kafka channel was wired on a
    // slow start (an error logged every second until it was), which a fixed delay did not prevent.
    @Scheduled(every = "1s", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onTimer() {
        kick();
    }

    private void drain() {
        again.set(false);
        long started = System.nanoTime();
        outbox.relay(batchSize, this::publish).subscribe().with(published -> {
            if (published > 0) {
                rounds.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
            if (published == batchSize) {
                again.set(true);
            }
            finish();
        }, failure -> {
            LOG.warnf("Outbox relay round failed; the timer retries: %s", failure.getMessage());
            again.set(false);
            finish();
        });
    }

    private void finish() {
        running.set(false);
        if (again.get() && running.compareAndSet(false, true)) {
            drain();
        }
    }

    /**
     * Hands the round to the channel's producer in one go on its sending thread, in list order (kept per
     * partition), and completes when the broker acknowledged every record: a message per event through the
     * emitter cost the hot path a context switch and a metadata copy per event.
     */
    private Uni<Void> publish(List<Outbox.Pending> pending) {
        Context context = Vertx.currentContext();
        Uni<Void> acknowledged = producer().runOnSendingThread(kafka -> {
            CompletableFuture<Void> all = new CompletableFuture<>();
            AtomicInteger waiting = new AtomicInteger(pending.size());
            for (Outbox.Pending event : pending) {
                kafka.send(new ProducerRecord<>(topic, event.key(), event.payload()), (sent, failure) -> {
                    if (failure != null) {
                        all.completeExceptionally(failure);
                    } else if (waiting.decrementAndGet() == 0) {
                        all.complete(null);
                    }
                });
            }
            return all;
        }).chain(all -> Uni.createFrom().completionStage(all));
        // The round goes on (the DELETE) on the context it started on, not on the producer's I/O thread.
        return context == null ? acknowledged : acknowledged.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    private KafkaProducer<String, String> producer() {
        return clients.getProducer(CHANNEL);
    }
}
