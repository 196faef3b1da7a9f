package ru.vklad.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import ru.vklad.devstack.test.DevStackResource;
import ru.vklad.devstack.test.SharedStack;
import ru.vklad.events.Topics;

/**
 * Thousands of malformed bodies against the real endpoint: every one is refused with a 4xx (never a 5xx, never a
 * stack trace), and not one reaches Kafka.
 */
@QuarkusTest
@WithTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "vklad_activity"))
class CallbackFuzzTest {

    private static final int BODIES = 3000;
    private static final List<String> SAMPLES = List.of("like_add_post.json", "wall_reply_new.json",
            "wall_repost.json", "poll_vote_new.json", "message_new.json", "wall_post_new_with_poll.json");

    @TestHTTPResource("/vk/callback")
    URI callback;

    @Test
    void malformedBodiesAreRefusedAndNothingIsStored() throws Exception {
        Random random = new Random(20261123L);
        Map<TopicPartition, Long> before = endOffsets();
        List<String> failures = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < BODIES; i++) {
            String body = malformed(random, i);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(callback)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.ISO_8859_1)).build(),
                    HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            String answer = response.body();
            if (status < 400 || status >= 500 || answer.contains("Exception") || answer.contains("\tat ")) {
                failures.add(status + " for " + abbreviate(body) + " -> " + abbreviate(answer));
            }
        }
        assertThat(failures).isEmpty();
        assertThat(endOffsets()).isEqualTo(before);
    }

    /** One of several kinds of broken input, chosen by {@code i} so every kind is well represented. */
    private static String malformed(Random random, int i) {
        String sample = CallbackIntakeTest.sample(SAMPLES.get(random.nextInt(SAMPLES.size())));
        return switch (i % 7) {
            case 0 -> sample.substring(0, random.nextInt(sample.length() - 1)); // truncated JSON
            case 1 -> randomText(random);
            case 2 -> sample.replaceFirst("\"group_id\": \\d+", "\"group_id\": " + pick(random,
                    "\"229000001\"x", "-5", "0", "{}", "[]", "null", "1e400", "\"\""));
            case 3 -> sample.replaceFirst("\"type\": \"[a-z_]+\"", "\"type\": " + pick(random,
                    "null", "1", "[]", "{\"a\":1}", "\"\""));
            case 4 -> sample.replaceFirst("\"event_id\": \"[0-9a-f]+\"", "\"event_id\": " + pick(random,
                    "null", "\"\"", "\"" + "e".repeat(300) + "\"", "{}"));
            case 5 -> pick(random, "[]", "42", "\"ok\"", "null", "true", "{}", "[" + sample + "]");
            default -> "[".repeat(1000 + random.nextInt(5000)) + "]".repeat(random.nextInt(10));
        };
    }

    private static String randomText(Random random) {
        byte[] bytes = new byte[1 + random.nextInt(400)];
        random.nextBytes(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }

    private static Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedStack.endpoints().kafkaBootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.VK_CALLBACKS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }
}
