package ru.vklad.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import ru.vklad.devstack.test.DevStackResource;
import ru.vklad.devstack.test.KeycloakTokens;
import ru.vklad.devstack.test.TestKafka;
import ru.vklad.events.Activity;
import ru.vklad.events.ActivityType;
import ru.vklad.events.AwardCommand;
import ru.vklad.events.Topics;
import ru.vklad.events.VkObject;
import ru.vklad.events.serde.AwardCommandDeserializer;

/** Idea candidates arrive from the activities topic once each, and only HR sees them. */
@QuarkusTest
@WithTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "vklad_gateway"))
class IdeaCandidatesTest {

    @Test
    void ideaPostsBecomeCandidatesOnceAndOrdinaryPostsDoNot() {
        long author = 55_000_000L + System.nanoTime() % 1_000_000;
        Activity idea = post("idea-" + author, author, true, "#идея Единый бот для пропусков");
        TestKafka.send(Topics.ACTIVITIES, String.valueOf(author), idea);
        TestKafka.send(Topics.ACTIVITIES, String.valueOf(author), idea); // redelivery
        TestKafka.send(Topics.ACTIVITIES, String.valueOf(author), post("plain-" + author, author, false, "Всем привет"));

        String analyst = KeycloakTokens.accessToken("hr.analyst", "demo-hr-analyst");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> mine = given().auth().oauth2(analyst).queryParam("size", 100)
                    .get("/api/ideas").then().statusCode(200).extract().jsonPath()
                    .getList("findAll { it.authorVkId == " + author + " }");
            assertThat(mine).singleElement().satisfies(c -> assertThat(c)
                    .containsEntry("status", "PENDING").containsEntry("text", "#идея Единый бот для пропусков"));
        });
        given().auth().oauth2(KeycloakTokens.accessToken("employee", "demo-employee")).get("/api/ideas")
                .then().statusCode(403);
        given().auth().oauth2(analyst).queryParam("status", "MAYBE").get("/api/ideas").then().statusCode(400);
    }

    @Test
    void approvingAnIdeaAwardsItsAuthorOnceAndRejectingRecordsTheReason() {
        long author = 56_000_000L + System.nanoTime() % 1_000_000;
        TestKafka.send(Topics.ACTIVITIES, String.valueOf(author), post("a-" + author, author, true, "#идея Первая"));
        TestKafka.send(Topics.ACTIVITIES, String.valueOf(author), post("b-" + author, author, true, "#идея Вторая"));
        String admin = KeycloakTokens.accessToken("hr.admin", "demo-hr-admin");
        String first = "229000001:a-" + author;
        String second = "229000001:b-" + author;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().auth().oauth2(admin)
                .queryParam("size", 100).get("/api/ideas").then().extract().jsonPath()
                .getList("findAll { it.authorVkId == " + author + " }")).hasSize(2));

        given().auth().oauth2(admin).contentType("application/json").body(Map.of("points", 150))
                .post("/api/ideas/" + first + "/approve").then().statusCode(400).body("detail", containsString("50–100"));
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("points", 75))
                .post("/api/ideas/" + first + "/approve").then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("points", equalTo(75)).body("decidedBy", equalTo("hr.admin"));
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("points", 75))
                .post("/api/ideas/" + first + "/approve").then().statusCode(409);

        AwardCommand award = TestKafka.await(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().memberVkId() == author, 1, Duration.ofSeconds(30)).get(0).value();
        assertThat(award.idempotencyKey()).isEqualTo("idea:" + first);
        assertThat(award.points()).isEqualTo(75);
        assertThat(award.ruleId()).isEqualTo("approved_idea");
        assertThat(award.reason()).isEqualTo("за одобренную идею «#идея Первая»");

        given().auth().oauth2(admin).contentType("application/json").body(Map.of("reason", "Уже сделано"))
                .post("/api/ideas/" + second + "/reject").then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("rejectReason", equalTo("Уже сделано"));
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("reason", " "))
                .post("/api/ideas/" + second + "/reject").then().statusCode(400);
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("points", 60))
                .post("/api/ideas/nope/approve").then().statusCode(404);
        given().auth().oauth2(KeycloakTokens.accessToken("hr.analyst", "demo-hr-analyst")).contentType("application/json")
                .body(Map.of("points", 60)).post("/api/ideas/" + second + "/approve").then().statusCode(403);
    }

    private static Activity post(String event, long author, boolean idea, String text) {
        return new Activity("229000001:" + event, 229000001L, ActivityType.POST_PUBLISHED, author,
                new VkObject("post", -229000001L, Math.abs(event.hashCode()), null), author, text, idea, null, 0,
                Instant.now());
    }
}
