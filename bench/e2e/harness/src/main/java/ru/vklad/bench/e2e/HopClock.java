package ru.vklad.bench.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import ru.vklad.events.Topics;

/**
 * Where the time of a callback goes: the producer timestamp of the first record about each member on every topic of
 * the pipeline (raw callback, activity, award command, ledger event), so the gap between two topics is the time of
 * the service in between (its consumer's wait, its work, its send). Meaningful while each member acts once, as in
 * the latency phase.
 */
final class HopClock {

    static final List<String> TOPICS = List.of(Topics.VK_CALLBACKS, Topics.ACTIVITIES, Topics.AWARD_COMMANDS,
            Topics.LEDGER_EVENTS);
    // The bench's members are 71,000,001 and up; nothing else in these records has that shape.
    private static final Pattern MEMBER = Pattern.compile("(?<!\\d)71\\d{6}(?!\\d)");

    private final Map<String, Map<Long, Long>> firstSeen = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    HopClock(String bootstrapServers) throws InterruptedException {
        TOPICS.forEach(topic -> firstSeen.put(topic, new ConcurrentHashMap<>()));
        Object ready = new Object();
        thread = new Thread(() -> {
            Properties config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                    new StringDeserializer())) {
                TopicTails.assignAtEnd(consumer, TOPICS);
                synchronized (ready) {
                    ready.notifyAll();
                }
                while (running.get()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                        if (record.value() == null) {
                            continue;
                        }
                        Matcher member = MEMBER.matcher(record.value());
                        if (member.find()) {
                            firstSeen.get(record.topic()).putIfAbsent(Long.parseLong(member.group()),
                                    record.timestamp());
                        }
                    }
                }
            }
        }, "hop-clock");
        synchronized (ready) {
            thread.start();
            ready.wait(30_000);
        }
    }

    void clear() {
        firstSeen.values().forEach(Map::clear);
    }

    /** One line per hop: p50, p95 and max of the gap, over the members seen on both of its topics. */
    void report(String phase) {
        for (int i = 0; i + 1 < TOPICS.size(); i++) {
            Map<Long, Long> from = firstSeen.get(TOPICS.get(i));
            Map<Long, Long> to = firstSeen.get(TOPICS.get(i + 1));
            List<Long> gaps = new ArrayList<>();
            from.forEach((member, at) -> {
                Long later = to.get(member);
                if (later != null) {
                    gaps.add(later - at);
                }
            });
            Collections.sort(gaps);
            System.out.printf("RESULT hop phase=%s from=%s to=%s members=%d p50_ms=%d p95_ms=%d max_ms=%d%n", phase,
                    TOPICS.get(i), TOPICS.get(i + 1), gaps.size(), at(gaps, 0.5), at(gaps, 0.95), at(gaps, 1.0));
        }
    }

    private static long at(List<Long> sorted, double p) {
        return sorted.isEmpty() ? -1 : sorted.get((int) Math.max(0, Math.ceil(p * sorted.size()) - 1));
    }

    void stop() throws InterruptedException {
        running.set(false);
        thread.join();
    }
}
