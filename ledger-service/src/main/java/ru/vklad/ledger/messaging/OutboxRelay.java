package ru.vklad.ledger.messaging;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
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
    private final MutinyEmitter<String> emitter;
    private final int batchSize;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    private final Timer rounds;

    public OutboxRelay(Outbox outbox, @Channel("ledger-events-out") MutinyEmitter<String> emitter, LedgerConfig config,
                       MeterRegistry metrics) {
        this.outbox = outbox;
        this.emitter = emitter;
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

    // Delayed so the first round does not race the wiring of the Kafka channel at start-up.
    @Scheduled(every = "1s", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
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

    private Uni<Void> publish(List<Outbox.Pending> pending) {
        // Joined in list order: the producer keeps that order per partition.
        return Uni.join().all(pending.stream().map(event -> emitter.sendMessage(Message.of(event.payload())
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build())))
                .toList()).andFailFast().replaceWithVoid();
    }
}
