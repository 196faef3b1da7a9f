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
import ru.vklad.events.AwardCommand;
import ru.vklad.events.LedgerEvent;
import ru.vklad.events.Topics;
import ru.vklad.events.serde.AwardCommandDeserializer;

/**
 * HR awards by hand with an Idempotency-Key and sees the ledger's outcome; finished projects come in bulk from a
 * CSV file with line-level errors, and importing it again awards nobody twice.
 */
@QuarkusTest
@WithTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "vklad_gateway"))
class ManualAwardTest {

    private final String admin = KeycloakTokens.accessToken("hr.admin", "demo-hr-admin");

    @Test
    void anAwardIsAcceptedOncePerKeyAndShowsTheLedgersOutcome() {
        long member = register("E-MA-");
        Map<String, Object> contest = Map.of("vkUserId", member, "rule", "contest_win", "points", 200,
                "reason", "за победу в конкурсе «Лучший наставник года»");
        String location = given().auth().oauth2(admin).header("Idempotency-Key", "contest-" + member)
                .contentType("application/json").body(contest).post("/api/awards")
                .then().statusCode(202).body("status", equalTo("SUBMITTED")).body("requestedBy", equalTo("hr.admin"))
                .extract().header("Location");
        String commandId = location.substring(location.lastIndexOf('/') + 1);
        // The client did not hear back and retries with the same key: the same command, not a second award.
        given().auth().oauth2(admin).header("Idempotency-Key", "contest-" + member).contentType("application/json")
                .body(contest).post("/api/awards").then().statusCode(202).body("commandId", equalTo(commandId));
        // The same key for a different award is a client bug, not a new award.
        given().auth().oauth2(admin).header("Idempotency-Key", "contest-" + member).contentType("application/json")
                .body(Map.of("vkUserId", member, "rule", "contest_win", "points", 200, "reason", "другое"))
                .post("/api/awards").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("Idempotency-Key"));

        List<AwardCommand> commands = TestKafka.collect(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().memberVkId() == member, Duration.ofSeconds(3)).stream().map(r -> r.value()).toList();
        assertThat(commands).singleElement().satisfies(c -> {
            assertThat(c.commandId()).isEqualTo(commandId);
            assertThat(c.idempotencyKey()).isEqualTo("manual:contest-" + member);
            assertThat(c.ruleId()).isEqualTo("contest_win");
            assertThat(c.points()).isEqualTo(200);
        });

        // The ledger's answer arrives on ledger-events.
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), new LedgerEvent("entry-9" + member,
                LedgerEvent.Type.ENTRY_POSTED, commandId, "manual:contest-" + member, 9L, member, 200, 200L,
                "за победу в конкурсе", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth()
                .oauth2(KeycloakTokens.accessToken("hr.analyst", "demo-hr-analyst")).get(location)
                .then().statusCode(200).body("status", equalTo("POSTED")).body("entryId", equalTo(9)));
    }

    @Test
    void anAwardTheLedgerHeldShowsHeldAndHrsDecisionIsPublishedKeyedByTheHold() {
        long member = register("E-HD-");
        Map<String, Object> idea = Map.of("vkUserId", member, "rule", "contest_win", "points", 200,
                "reason", "за идею «Кофе в переговорных»");
        String location = given().auth().oauth2(admin).header("Idempotency-Key", "idea-" + member)
                .contentType("application/json").body(idea).post("/api/awards").then().statusCode(202)
                .extract().header("Location");
        String commandId = location.substring(location.lastIndexOf('/') + 1);
        // The department's budget is spent: the ledger holds the award under the award's own key.
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), new LedgerEvent("entry-h" + member,
                LedgerEvent.Type.ENTRY_POSTED, commandId, "manual:idea-" + member, 11L, member, 0, 0L,
                "за идею", Instant.now(), "contest_win", "hold", 200, 200L));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(admin).get(location)
                .then().statusCode(200).body("status", equalTo("HELD")));

        Map<String, Object> approve = Map.of("holdKey", "manual:idea-" + member, "vkUserId", member,
                "decision", "APPROVE", "reason", "бюджет отдела увеличен");
        String decision = given().auth().oauth2(admin).contentType("application/json").body(approve)
                .post("/api/holds/decisions").then().statusCode(202).extract().path("commandId");
        given().auth().oauth2(KeycloakTokens.accessToken("hr.analyst", "demo-hr-analyst"))
                .contentType("application/json").body(approve).post("/api/holds/decisions").then().statusCode(403);
        given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("holdKey", "manual:idea-" + member, "vkUserId", member, "decision", "MAYBE",
                        "reason", "?")).post("/api/holds/decisions").then().statusCode(400);

        List<AwardCommand> decisions = TestKafka.collect(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().memberVkId() == member && r.value().type() == AwardCommand.Type.APPROVE_HELD,
                Duration.ofSeconds(3)).stream().map(r -> r.value()).toList();
        assertThat(decisions).singleElement().satisfies(c -> {
            assertThat(c.commandId()).isEqualTo(decision);
            assertThat(c.idempotencyKey()).isEqualTo("manual:idea-" + member + ":approve");
            assertThat(c.targetKey()).isEqualTo("manual:idea-" + member);
            assertThat(c.reason()).isEqualTo("бюджет отдела увеличен");
        });
    }

    @Test
    void heldAwardsAreDecidedInBulkEachOnceAndAWrongItemRefusesTheRequest() {
        String admin = KeycloakTokens.accessToken("hr.admin", "demo-hr-admin");
        long member = 59_500_000L + System.nanoTime() % 100_000;
        List<Map<String, Object>> decisions = List.of(
                Map.of("holdKey", "bulk-a-" + member, "vkUserId", member, "decision", "APPROVE", "reason", "проверено"),
                Map.of("holdKey", "bulk-b-" + member, "vkUserId", member, "decision", "REJECT", "reason", "накрутка"));
        List<String> commandIds = given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("decisions", decisions)).post("/api/holds/decisions/bulk").then().statusCode(202)
                .body("holdKey", org.hamcrest.Matchers.contains("bulk-a-" + member, "bulk-b-" + member))
                .extract().path("commandId");
        List<AwardCommand> published = TestKafka.await(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().memberVkId() == member, 2, Duration.ofSeconds(30)).stream().map(r -> r.value()).toList();
        assertThat(published).extracting(AwardCommand::commandId).containsExactlyInAnyOrderElementsOf(commandIds);
        assertThat(published).extracting(AwardCommand::idempotencyKey)
                .containsExactlyInAnyOrder("bulk-a-" + member + ":approve", "bulk-b-" + member + ":reject");

        given().auth().oauth2(admin).contentType("application/json").body(Map.of("decisions", List.of(
                        Map.of("holdKey", "bulk-c-" + member, "vkUserId", member, "decision", "APPROVE", "reason", "ok"),
                        Map.of("holdKey", "bulk-d-" + member, "vkUserId", member, "decision", "APPROVE"))))
                .post("/api/holds/decisions/bulk").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("reason"));
        given().auth().oauth2(admin).contentType("application/json").body(Map.of("decisions", List.of()))
                .post("/api/holds/decisions/bulk").then().statusCode(400);
        assertThat(TestKafka.collect(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().idempotencyKey().startsWith("bulk-c-" + member), Duration.ofSeconds(2)))
                .as("nothing of a refused request is published").isEmpty();
    }

    @Test
    void awardsOutsideTheRulesRangeOrWithoutAKeyAreRefusedSayingWhy() {
        long member = register("E-MB-");
        given().auth().oauth2(admin).header("Idempotency-Key", "p-" + member).contentType("application/json")
                .body(Map.of("vkUserId", member, "rule", "finished_project", "points", 900, "reason", "проект"))
                .post("/api/awards").then().statusCode(400).body("errors[0].field", equalTo("points"))
                .body("detail", containsString("100–500"));
        given().auth().oauth2(admin).header("Idempotency-Key", "l-" + member).contentType("application/json")
                .body(Map.of("vkUserId", member, "rule", "like", "points", 1, "reason", "лайк"))
                .post("/api/awards").then().statusCode(400).body("errors[0].field", equalTo("rule"));
        given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("vkUserId", member, "rule", "other", "points", 10, "reason", "помощь коллегам"))
                .post("/api/awards").then().statusCode(400).body("detail", containsString("Idempotency-Key"));
        given().auth().oauth2(admin).header("Idempotency-Key", "u-" + member).contentType("application/json")
                .body(Map.of("vkUserId", 1, "rule", "other", "points", 10, "reason", "кто это?"))
                .post("/api/awards").then().statusCode(404);
        given().auth().oauth2(KeycloakTokens.accessToken("hr.analyst", "demo-hr-analyst"))
                .header("Idempotency-Key", "a-" + member).contentType("application/json")
                .body(Map.of("vkUserId", member, "rule", "other", "points", 10, "reason", "нет прав"))
                .post("/api/awards").then().statusCode(403);
        given().header("Idempotency-Key", "n-" + member).contentType("application/json")
                .body(Map.of("vkUserId", member, "rule", "other", "points", 10, "reason", "нет токена"))
                .post("/api/awards").then().statusCode(401);
    }

    @Test
    void projectAwardsFromTheCrmCsvArePreviewedThenSubmittedAndNeverTwice() {
        long first = register("E-PA-");
        long second = register("E-PB-");
        String csv = "employee_id,project,points\n"
                + "E-PA-" + first + ",\"Переезд склада, этап 2\",300\n"
                + "E-PB-" + second + ",CRM,150\n"
                + "E-NOBODY,Портал,200\n"
                + "E-PA-" + first + ",Бот,много\n"
                + "E-PB-" + second + ",Сайт,900\n";

        given().auth().oauth2(admin).contentType("text/csv; charset=UTF-8").body(csv).queryParam("preview", true)
                .post("/api/awards/projects").then().statusCode(200)
                .body("preview", equalTo(true)).body("valid", equalTo(2)).body("errors", equalTo(3))
                .body("submitted", equalTo(0))
                .body("results.find { it.line == 4 }.error", containsString("no member with employee id E-NOBODY"))
                .body("results.find { it.line == 5 }.error", containsString("points is not a whole number"))
                .body("results.find { it.line == 6 }.error", containsString("100–500"));
        assertThat(TestKafka.collect(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().memberVkId() == first || r.value().memberVkId() == second, Duration.ofSeconds(2)))
                .as("a preview submits nothing").isEmpty();

        for (int run = 0; run < 2; run++) { // the same file imported twice
            given().auth().oauth2(admin).contentType("text/csv; charset=UTF-8").body(csv).post("/api/awards/projects")
                    .then().statusCode(200).body("submitted", equalTo(2)).body("errors", equalTo(3));
        }
        List<AwardCommand> commands = TestKafka.collect(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().memberVkId() == first || r.value().memberVkId() == second, Duration.ofSeconds(3))
                .stream().map(r -> r.value()).toList();
        assertThat(commands).hasSize(2).extracting(AwardCommand::reason).containsExactlyInAnyOrder(
                "за завершённый проект «Переезд склада, этап 2»", "за завершённый проект «CRM»");
        assertThat(commands).allSatisfy(c -> assertThat(c.ruleId()).isEqualTo("finished_project"));
    }

    private long register(String employeePrefix) {
        long member = 57_000_000L + System.nanoTime() % 1_000_000;
        given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("employeeId", employeePrefix + member, "fullName", "Тест Наградов", "department", "ИТ",
                        "audience", "employees"))
                .put("/api/members/" + member).then().statusCode(200);
        return member;
    }
}
