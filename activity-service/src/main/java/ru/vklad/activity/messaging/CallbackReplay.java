package ru.vklad.activity.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import ru.vklad.events.Topics;
import ru.vklad.events.VkCallbackReceived;
import ru.vklad.events.serde.VkCallbackReceivedDeserializer;

/**
 * Replays the raw callbacks {@code vk-callbacks} retains, from a time on, through the pipeline again: activities are
 * rebuilt (published again; their readers apply an activity id once) and nobody is awarded twice (award slots
 * remember what they paid). Reads every partition from the first record at or after {@code from} up to the end it
 * had when the replay started, outside any consumer group, one replay at a time.
 */
@ApplicationScoped
public class CallbackReplay {

    private static final Logger LOG = Logger.getLogger(CallbackReplay.class);
    private static final Duration EACH_EVENT = Duration.ofSeconds(30);

    public enum State { RUNNING, DONE, FAILED }

    /**
     * @param read     raw callbacks read so far
     * @param replayed those processed again (the others: unreadable, or after {@code to})
     */
    public record Progress(String id, Instant from, Instant to, State state, long read, long replayed, String error,
                           Instant startedAt, Instant finishedAt) {

        Progress advanced(long read, long replayed) {
            return new Progress(id, from, to, state, read, replayed, error, startedAt, finishedAt);
        }

        Progress ended(State state, String error) {
            return new Progress(id, from, to, state, read, replayed, error, startedAt, Instant.now());
        }
    }

    /** Another replay is running. */
    public static class AlreadyRunning extends RuntimeException {
        public AlreadyRunning(String id) {
            super("replay " + id + " is still running");
        }
    }

    private final Map<String, Object> kafka;
    private final VkCallbackProcessor processor;
    private final Map<String, AtomicReference<Progress>> runs = new ConcurrentHashMap<>();
    private final AtomicReference<String> running = new AtomicReference<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "vk-callbacks-replay");
        thread.setDaemon(true);
        return thread;
    });

    public CallbackReplay(@Identifier("default-kafka-broker") Map<String, Object> kafka, VkCallbackProcessor processor) {
        this.kafka = kafka;
        this.processor = processor;
    }

    public Progress start(Instant from, Instant to) {
        String id = UUID.randomUUID().toString();
        if (!running.compareAndSet(null, id)) {
            throw new AlreadyRunning(running.get());
        }
        AtomicReference<Progress> progress = new AtomicReference<>(
                new Progress(id, from, to, State.RUNNING, 0, 0, null, Instant.now(), null));
        runs.put(id, progress);
        worker.execute(() -> {
            try {
                run(progress);
                progress.updateAndGet(p -> p.ended(State.DONE, null));
                LOG.infof("Replay %s done: %d callbacks read, %d replayed", id, progress.get().read(),
                        progress.get().replayed());
            } catch (RuntimeException e) {
                LOG.errorf(e, "Replay %s failed", id);
                progress.updateAndGet(p -> p.ended(State.FAILED, e.getMessage()));
            } finally {
                running.set(null);
            }
        });
        return progress.get();
    }

    public Optional<Progress> progress(String id) {
        return Optional.ofNullable(runs.get(id)).map(AtomicReference::get);
    }

    private void run(AtomicReference<Progress> progress) {
        Progress started = progress.get();
        try (KafkaConsumer<String, VkCallbackReceived> consumer = new KafkaConsumer<>(consumerConfig(),
                new StringDeserializer(), new VkCallbackReceivedDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.VK_CALLBACKS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> fromTime = new HashMap<>();
            partitions.forEach(p -> fromTime.put(p, started.from().toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> first = consumer.offsetsForTimes(fromTime);
            Set<TopicPartition> remaining = new HashSet<>();
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp offset = first.get(partition);
                if (offset != null && offset.offset() < end.get(partition)) {
                    consumer.seek(partition, offset.offset());
                    remaining.add(partition);
                }
            }
            LOG.infof("Replay %s of %s from %s: %d partitions to read", started.id(), Topics.VK_CALLBACKS,
                    started.from(), remaining.size());
            long read = 0;
            long replayed = 0;
            while (!remaining.isEmpty()) {
                for (ConsumerRecord<String, VkCallbackReceived> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition)) {
                        continue;
                    }
                    read++;
                    boolean inRange = started.to() == null || record.timestamp() < started.to().toEpochMilli();
                    if (record.value() != null && inRange) {
                        processor.replay(record.value()).await().atMost(EACH_EVENT);
                        replayed++;
                    }
                }
                remaining.removeIf(partition -> consumer.position(partition) >= end.get(partition));
                long r = read;
                long p = replayed;
                progress.updateAndGet(current -> current.advanced(r, p));
            }
        }
    }

    private Properties consumerConfig() {
        Properties config = new Properties();
        kafka.forEach((key, value) -> {
            if (!key.contains("deserializer") && !key.equals(ConsumerConfig.GROUP_ID_CONFIG)) {
                config.put(key, value);
            }
        });
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "activity-replay");
        return config;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
