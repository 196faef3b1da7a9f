package ru.vklad.activity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import ru.vklad.devstack.test.DevStackResource;
import ru.vklad.devstack.test.TestKafka;
import ru.vklad.events.AwardCommand;
import ru.vklad.events.Topics;
import ru.vklad.events.serde.ActivityDeserializer;
import ru.vklad.events.serde.AwardCommandDeserializer;

/** Replaying retained callbacks rebuilds their activities and awards nobody twice. */
@QuarkusTest
@WithTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "vklad_activity"))
class CallbackReplayTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOKEN = "test-replay-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aReplayPublishesTheActivitiesAgainButNoAwardTwice() throws Exception {
        long member = ConsentingMembers.fresh(dataSource, 54_000_000L);
        Instant before = Instant.now().minusSeconds(1);
        ObjectNode like = (ObjectNode) JSON.readTree(CallbackIntakeTest.sample("like_add_post.json"));
        String eventId = UUID.randomUUID().toString().replace("-", "");
        like.put("event_id", eventId);
        ((ObjectNode) like.get("object")).put("liker_id", member).put("object_id", 340_001);
        CallbackIntakeTest.post(like.toString()).then().statusCode(200);
        TestKafka.await(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(), r -> r.value().memberVkId() == member,
                1, WAIT);

        String location = given().header("X-Replay-Token", TOKEN).queryParam("from", before.toString())
                .post("/admin/replay").then().statusCode(202).body("state", equalTo("RUNNING"))
                .extract().header("Location");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().header("X-Replay-Token", TOKEN)
                .get(location).then().statusCode(200).body("state", equalTo("DONE")));
        int replayed = given().header("X-Replay-Token", TOKEN).get(location).then().extract().path("replayed");
        assertThat(replayed).isGreaterThanOrEqualTo(1);

        String activityId = "229000001:" + eventId;
        assertThat(TestKafka.collect(Topics.ACTIVITIES, new ActivityDeserializer(),
                r -> r.value() != null && r.value().activityId().equals(activityId), Duration.ofSeconds(3)))
                .as("the activity, published again").hasSizeGreaterThanOrEqualTo(2);
        assertThat(TestKafka.collect(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().memberVkId() == member, Duration.ofSeconds(3)))
                .as("still one award").hasSize(1).allSatisfy(r -> assertThat(r.value().type())
                        .isEqualTo(AwardCommand.Type.AWARD));
    }

    @Test
    void replayNeedsTheTokenAndAValidRange() {
        given().queryParam("from", "2026-11-20T00:00:00Z").post("/admin/replay").then().statusCode(403)
                .contentType("application/problem+json");
        given().header("X-Replay-Token", "wrong").queryParam("from", "2026-11-20T00:00:00Z").post("/admin/replay")
                .then().statusCode(403);
        given().header("X-Replay-Token", TOKEN).post("/admin/replay").then().statusCode(400)
                .body("detail", containsString("from: required"));
        given().header("X-Replay-Token", TOKEN).queryParam("from", "yesterday").post("/admin/replay").then()
                .statusCode(400).body("detail", containsString("from: not an ISO-8601 instant"));
        given().header("X-Replay-Token", TOKEN).queryParam("from", "2026-11-20T00:00:00Z")
                .queryParam("to", "2026-11-19T00:00:00Z").post("/admin/replay").then().statusCode(400)
                .body("detail", containsString("to: must be after from"));
        given().header("X-Replay-Token", TOKEN).get("/admin/replay/" + UUID.randomUUID()).then().statusCode(404);
    }
}
