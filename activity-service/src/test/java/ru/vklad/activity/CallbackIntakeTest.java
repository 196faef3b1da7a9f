package ru.vklad.activity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import ru.vklad.devstack.test.DevStackResource;
import ru.vklad.devstack.test.TestKafka;
import ru.vklad.events.Topics;
import ru.vklad.events.VkCallbackReceived;
import ru.vklad.events.serde.VkCallbackReceivedDeserializer;

/** VK Callback API samples through the real HTTP endpoint and the real Kafka broker. */
@QuarkusTest
@WithTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "vklad_activity"))
class CallbackIntakeTest {

    @Test
    void confirmationAnswersTheCommunityString() {
        post(sample("confirmation.json")).then().statusCode(200).body(equalTo("demo-confirm-7f3a"));
    }

    @Test
    void acceptedEventIsDurablyInKafkaBeforeOk() {
        post(sample("like_add_post.json")).then().statusCode(200).body(equalTo("ok"));

        List<ConsumerRecord<String, VkCallbackReceived>> stored = TestKafka.await(Topics.VK_CALLBACKS,
                new VkCallbackReceivedDeserializer(),
                r -> r.value().eventId().equals("6d3f8c6f40516273d9eafbc13d4e5f6071829304"), 1, Duration.ofSeconds(30));
        VkCallbackReceived received = stored.get(0).value();
        assertThat(stored.get(0).key()).isEqualTo("51200901");
        assertThat(received.communityId()).isEqualTo(229000001L);
        assertThat(received.type()).isEqualTo("like_add");
        assertThat(received.body()).contains("\"liker_id\":51200901").doesNotContain("s3cr3t-demo");
    }

    @Test
    void wrongSecretIsRefusedAndNothingStored() {
        post(sample("bad_secret.json")).then().statusCode(403).body(equalTo("forbidden"));
        assertNothingStoredFor("8f51a1a152d3e4fb1acbe9df5c0d1289da456782");
    }

    @Test
    void missingSecretAndUnknownCommunityAreRefused() {
        post(sample("like_add_post.json").replace("\"secret\": \"s3cr3t-demo\",", ""))
                .then().statusCode(403);
        post(sample("like_add_post.json").replace("229000001", "229000999"))
                .then().statusCode(403).body(equalTo("forbidden"));
    }

    @Test
    void unknownTypeIsAcknowledgedButNotStored() {
        post(sample("unknown_type.json")).then().statusCode(200).body(equalTo("ok"));
        assertNothingStoredFor("9062b2b263e4f50c2bdcfae06d1e239aeb567893");
    }

    @Test
    void malformedBodiesAreClientErrorsWithoutStackTraces() {
        for (String body : List.of("", "not json", "[1,2]", "{\"type\":\"like_add\"}",
                "{\"type\":\"like_add\",\"group_id\":\"x\",\"event_id\":\"e\"}",
                "{\"type\":{\"a\":1},\"group_id\":229000001,\"event_id\":\"e\"}")) {
            post(body).then().statusCode(400).body(org.hamcrest.Matchers.startsWith("malformed callback"));
        }
    }

    @Test
    void oversizedBodyIsRefused() {
        String huge = sample("wall_reply_new.json").replace("\"attachments\": []",
                "\"attachments\": [\"" + "x".repeat(70_000) + "\"]");
        post(huge).then().statusCode(413);
    }

    private static void assertNothingStoredFor(String eventId) {
        assertThat(TestKafka.collect(Topics.VK_CALLBACKS, new VkCallbackReceivedDeserializer(),
                r -> r.value().eventId().equals(eventId), Duration.ofSeconds(3))).isEmpty();
    }

    static io.restassured.response.Response post(String body) {
        return given().contentType("application/json").body(body).when().post("/vk/callback");
    }

    static String sample(String name) {
        try (InputStream in = CallbackIntakeTest.class.getResourceAsStream("/vk/callbacks/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("Missing sample " + name, e);
        }
    }
}
