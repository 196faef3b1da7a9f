package ru.vklad.devstack.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import ru.vklad.events.serde.JsonSerializer;

/**
 * Plain Kafka clients against the build's real broker, for tests that put records on a service's input topic or
 * read what it published. Reads scan a topic from the beginning and keep only matching records, since the
 * broker is shared by every module of the build.
 */
public final class TestKafka {

    private TestKafka() {
    }

    /** Sends one JSON record (null value: a tombstone) and waits for the broker's acknowledgement. */
    public static void send(String topic, String key, Object value) {
        sendAll(topic, key, Collections.singletonList(value));
    }

    /**
     * Sends JSON records under one key (so to one partition, in this order) at once, and waits for the broker's
     * acknowledgement of them all: a consumer is likely to poll them together.
     */
    public static void sendAll(String topic, String key, List<?> values) {
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedStack.endpoints().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 50),
                new StringSerializer(), new JsonSerializer<>())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Object value : values) {
                sent.add(producer.send(new ProducerRecord<>(topic, key, value)));
            }
            for (Future<RecordMetadata> acknowledged : sent) {
                acknowledged.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot send to " + topic, e);
        }
    }

    /**
     * Waits until {@code count} records of {@code topic} match, and returns those seen by then; fails when fewer
     * arrive within {@code timeout}.
     */
    public static <T> List<ConsumerRecord<String, T>> await(String topic, Deserializer<T> deserializer,
                                                            Predicate<ConsumerRecord<String, T>> match,
                                                            int count, Duration timeout) {
        List<ConsumerRecord<String, T>> matched = scan(topic, deserializer, match, count, timeout);
        if (matched.size() < count) {
            throw new AssertionError("Expected " + count + " matching record(s) on " + topic + " within "
                    + timeout.toSeconds() + " s, got " + matched.size() + ": " + matched);
        }
        return matched;
    }

    /** Reads {@code topic} for the whole {@code window} and returns every matching record, e.g. to assert none. */
    public static <T> List<ConsumerRecord<String, T>> collect(String topic, Deserializer<T> deserializer,
                                                              Predicate<ConsumerRecord<String, T>> match,
                                                              Duration window) {
        return scan(topic, deserializer, match, Integer.MAX_VALUE, window);
    }

    private static <T> List<ConsumerRecord<String, T>> scan(String topic, Deserializer<T> deserializer,
                                                            Predicate<ConsumerRecord<String, T>> match,
                                                            int enough, Duration window) {
        List<ConsumerRecord<String, T>> matched = new ArrayList<>();
        Instant deadline = Instant.now().plus(window);
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedStack.endpoints().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), deserializer)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map((PartitionInfo p) -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (matched.size() < enough && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, T> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        matched.add(record);
                    }
                }
            }
        }
        return matched;
    }
}
