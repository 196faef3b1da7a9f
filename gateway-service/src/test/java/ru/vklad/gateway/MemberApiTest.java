package ru.vklad.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import ru.vklad.devstack.test.DevStackResource;
import ru.vklad.devstack.test.ServiceContract;
import ru.vklad.devstack.test.KeycloakTokens;
import ru.vklad.devstack.test.TestKafka;
import ru.vklad.events.MemberChanged;
import ru.vklad.events.Topics;
import ru.vklad.events.serde.MemberChangedDeserializer;

/** The members API with real tokens from the real Keycloak, the real database and the real broker. */
@QuarkusTest
@WithTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "vklad_gateway"))
class MemberApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void withoutTokenEveryCallIsUnauthorized() {
        given().get("/api/members/51200901").then().statusCode(401);
        given().contentType("application/json").body(member("E-1")).put("/api/members/51200901").then().statusCode(401);
    }

    @Test
    void aForgedTokenIsUnauthorized() {
        String real = KeycloakTokens.accessToken("hr.admin", "demo-hr-admin");
        String[] parts = real.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        given().auth().oauth2(forged).get("/api/members/51200901").then().statusCode(401);
    }

    @Test
    void employeeCannotReadOrWriteTheDirectory() {
        RequestSpecification employee = as("employee", "demo-employee");
        employee.get("/api/members/51200901").then().statusCode(403);
        as("employee", "demo-employee").contentType("application/json").body(member("E-2"))
                .put("/api/members/51200901").then().statusCode(403);
    }

    @Test
    void analystReadsButCannotWrite() {
        as("hr.analyst", "demo-hr-analyst").get("/api/members/999999999").then().statusCode(404);
        as("hr.analyst", "demo-hr-analyst").contentType("application/json").body(member("E-3"))
                .put("/api/members/51200903").then().statusCode(403);
    }

    @Test
    void adminSavesAMemberAndItIsPublishedToTheMembersTopic() {
        long vkUserId = 51_300_000L + System.nanoTime() % 100_000;
        as("hr.admin", "demo-hr-admin").contentType("application/json").body(member("E-" + vkUserId))
                .put("/api/members/" + vkUserId)
                .then().statusCode(200)
                .body("vkUserId", equalTo((int) vkUserId))
                .body("department", equalTo("Продажи"))
                .body("timeZone", equalTo("Europe/Moscow"))
                .body("consentGiven", equalTo(false));
        as("hr.analyst", "demo-hr-analyst").get("/api/members/" + vkUserId)
                .then().statusCode(200).body("fullName", equalTo("Иван Петров"));

        MemberChanged published = TestKafka.await(Topics.MEMBERS, new MemberChangedDeserializer(),
                r -> r.key().equals(String.valueOf(vkUserId)), 1, Duration.ofSeconds(30)).get(0).value();
        assertThat(published.employeeId()).isEqualTo("E-" + vkUserId);
        assertThat(published.department()).isEqualTo("Продажи");
    }

    @Test
    void consentIsRecordedPublishedAndWithdrawn() {
        long vkUserId = 51_400_000L + System.nanoTime() % 100_000;
        as("hr.admin", "demo-hr-admin").contentType("application/json").body(member("E-" + vkUserId))
                .put("/api/members/" + vkUserId).then().statusCode(200);
        as("hr.admin", "demo-hr-admin").contentType("application/json").body(Map.of("given", true))
                .put("/api/members/" + vkUserId + "/consent")
                .then().statusCode(200).body("consentGiven", equalTo(true)).body("consentVersion", equalTo("2026-11"));
        as("hr.admin", "demo-hr-admin").contentType("application/json").body(Map.of("given", false))
                .put("/api/members/" + vkUserId + "/consent").then().statusCode(200).body("consentGiven", equalTo(false));

        var states = TestKafka.await(Topics.MEMBERS, new MemberChangedDeserializer(),
                r -> r.key().equals(String.valueOf(vkUserId)), 3, Duration.ofSeconds(30));
        assertThat(states).extracting(r -> r.value().consentGiven()).containsExactly(false, true, false);

        as("hr.analyst", "demo-hr-analyst").contentType("application/json").body(Map.of("given", true))
                .put("/api/members/" + vkUserId + "/consent").then().statusCode(403);
        as("hr.admin", "demo-hr-admin").contentType("application/json").body(Map.of("given", true))
                .put("/api/members/999999998/consent").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void erasureRemovesTheMemberAndTheirIdeasAndPublishesATombstone() throws Exception {
        long vkUserId = 51_500_000L + System.nanoTime() % 100_000;
        as("hr.admin", "demo-hr-admin").contentType("application/json").body(member("E-" + vkUserId))
                .put("/api/members/" + vkUserId).then().statusCode(200);
        TestKafka.send(Topics.ACTIVITIES, String.valueOf(vkUserId), new ru.vklad.events.Activity(
                "229000001:erase-" + vkUserId, 229000001L, ru.vklad.events.ActivityType.POST_PUBLISHED, vkUserId,
                new ru.vklad.events.VkObject("post", -229000001L, vkUserId % 1_000_000, null), vkUserId,
                "#идея Личная идея", true, null, 0, java.time.Instant.now()));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ideasOf(vkUserId) == 1);
        String commandId = as("hr.admin", "demo-hr-admin").header("Idempotency-Key", "erase-" + vkUserId)
                .contentType("application/json")
                .body(Map.of("vkUserId", vkUserId, "rule", "other", "points", 5, "reason", "за помощь"))
                .post("/api/awards").then().statusCode(202).extract().path("commandId");
        assertThat(count("SELECT count(*) FROM audit_entry WHERE target = ? OR after ~ ?", "member:" + vkUserId,
                String.valueOf(vkUserId))).as("the audit log's entries about them").isGreaterThanOrEqualTo(2);

        as("hr.analyst", "demo-hr-analyst").delete("/api/members/" + vkUserId).then().statusCode(403);
        as("hr.admin", "demo-hr-admin").delete("/api/members/" + vkUserId).then().statusCode(204);
        as("hr.admin", "demo-hr-admin").get("/api/members/" + vkUserId).then().statusCode(404);
        as("hr.admin", "demo-hr-admin").delete("/api/members/" + vkUserId).then().statusCode(404)
                .contentType("application/problem+json");
        assertThat(ideasOf(vkUserId)).as("the ideas they wrote").isZero();
        assertThat(count("SELECT count(*) FROM award_command WHERE member_vk_id = ?", vkUserId))
                .as("their manual awards, under their id").isZero();
        assertThat(count("SELECT count(*) FROM award_command WHERE command_id = ? AND member_vk_id < 0 "
                + "AND idempotency_key = 'erased-award:' || command_id", commandId))
                .as("kept under an anonymous id, without HR's key").isEqualTo(1);
        // The audit log keeps every entry, redacted: none names them, and the erasure names the anonymous id.
        assertThat(count("SELECT count(*) FROM audit_entry WHERE audit_entry::text ~ ?",
                "(?<![0-9])" + vkUserId + "(?![0-9])")).as("audit entries naming them").isZero();
        assertThat(count("SELECT count(*) FROM audit_entry WHERE action = 'member.save' AND after = ?",
                "{\"erased\":true}")).isPositive();
        assertThat(count("SELECT count(*) FROM audit_entry WHERE action = 'member.erase' AND target ~ ?",
                "^member:-[0-9]+$")).isPositive();

        var states = TestKafka.await(Topics.MEMBERS, new MemberChangedDeserializer(),
                r -> r.key().equals(String.valueOf(vkUserId)), 2, Duration.ofSeconds(30));
        assertThat(states.get(0).value()).isNotNull();
        assertThat(states.get(1).value()).as("a tombstone").isNull();
    }

    @Test
    void aCsvImportIsPreviewedLineByLineAndReimportingCreatesNoDuplicates() throws Exception {
        long first = 51_600_000L + System.nanoTime() % 100_000;
        String csv = "vk_user_id;employee_id;full_name;department;audience;time_zone\n"
                + first + ";E-CSV-" + first + ";Анна Импортова;Продажи;employees;Europe/Samara\n"
                + (first + 1) + ";E-CSV-" + (first + 1) + ";Борис Импортов;ИТ\n"
                + "не число;E-X;Кто-то;ИТ\n"
                + (first + 2) + ";E-CSV-" + (first + 2) + ";Вера Импортова;ИТ;employees;Mars/Olympus\n";
        as("hr.admin", "demo-hr-admin").contentType("text/csv; charset=UTF-8").body(csv).queryParam("preview", true)
                .post("/api/members/import").then().statusCode(200)
                .body("preview", equalTo(true)).body("lines", equalTo(4)).body("valid", equalTo(2))
                .body("saved", equalTo(0)).body("errors", equalTo(2))
                .body("results[2].line", equalTo(4)).body("results[2].error", org.hamcrest.Matchers.containsString("не число"))
                .body("results[3].error", equalTo("timeZone: unknown time zone 'Mars/Olympus'"));
        as("hr.admin", "demo-hr-admin").get("/api/members/" + first).then().statusCode(404);

        for (int run = 0; run < 2; run++) {
            as("hr.admin", "demo-hr-admin").contentType("text/csv; charset=UTF-8").body(csv)
                    .post("/api/members/import").then().statusCode(200).body("saved", equalTo(2))
                    .body("results[0].status", equalTo("SAVED")).body("results[3].status", equalTo("ERROR"));
        }
        as("hr.analyst", "demo-hr-analyst").get("/api/members/" + first).then().statusCode(200)
                .body("timeZone", equalTo("Europe/Samara")).body("fullName", equalTo("Анна Импортова"));
        try (var connection = dataSource.getConnection();
             var query = connection.prepareStatement("SELECT count(*) FROM member WHERE employee_id LIKE ?")) {
            query.setString(1, "E-CSV-" + first + "%");
            var rows = query.executeQuery();
            rows.next();
            assertThat(rows.getInt(1)).as("members of the file, imported twice").isEqualTo(1);
        }
        var published = TestKafka.await(Topics.MEMBERS, new MemberChangedDeserializer(),
                r -> r.key().equals(String.valueOf(first + 1)), 2, Duration.ofSeconds(30));
        assertThat(published).extracting(r -> r.value().department()).containsOnly("ИТ");
        as("hr.analyst", "demo-hr-analyst").contentType("text/csv").body(csv).post("/api/members/import").then()
                .statusCode(403);
    }

    private int ideasOf(long vkUserId) throws java.sql.SQLException {
        return count("SELECT count(*) FROM idea_candidate WHERE author_vk_id = ?", vkUserId);
    }

    private int count(String sql, Object... parameters) throws java.sql.SQLException {
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            var rows = query.executeQuery();
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void invalidMemberIsABadRequestNamingTheField() {
        as("hr.admin", "demo-hr-admin").contentType("application/json")
                .body(Map.of("employeeId", "", "fullName", "Иван", "department", "Продажи", "audience", "aliens"))
                .put("/api/members/51200904")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Invalid request"))
                .body("errors.field", org.hamcrest.Matchers.contains("audience", "employeeId"))
                .body("errors[0].message", equalTo("must be employees or customers"));
        as("hr.admin", "demo-hr-admin").contentType("application/json").body("{not json")
                .put("/api/members/51200904")
                .then().statusCode(400).contentType("application/problem+json");
        as("hr.admin", "demo-hr-admin").get("/api/members/-5")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("vkUserId"));
        as("hr.admin", "demo-hr-admin").contentType("application/json")
                .body(Map.of("employeeId", "E-tz", "fullName", "Иван", "department", "Продажи", "timeZone", "Mars/Base"))
                .put("/api/members/51200905")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("timeZone"));
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        ServiceContract.assertOperable("Vklad HR API");
    }

    @Test
    void theDirectoryIsListedByNameFilteredAndPaged() {
        long base = 51_700_000L + System.nanoTime() % 100_000;
        String department = "Листинг " + base;
        List<String> names = List.of("Яковлева Ольга", "Алексеев Пётр", "Миронов Карл");
        for (int i = 0; i < names.size(); i++) {
            as("hr.admin", "demo-hr-admin").contentType("application/json").body(Map.of("employeeId",
                    "E-L" + (base + i), "fullName", names.get(i), "department", department)).put("/api/members/"
                    + (base + i)).then().statusCode(200);
        }
        RequestSpecification analyst = as("hr.analyst", "demo-hr-analyst");
        assertThat(analyst.queryParam("department", department).get("/api/members").then().statusCode(200)
                .extract().jsonPath().getList("fullName", String.class))
                .containsExactly("Алексеев Пётр", "Миронов Карл", "Яковлева Ольга");
        assertThat(as("hr.analyst", "demo-hr-analyst").queryParam("department", department).queryParam("size", 2)
                .queryParam("page", 1).get("/api/members").then().statusCode(200).extract().jsonPath()
                .getList("fullName", String.class)).containsExactly("Яковлева Ольга");
        assertThat(as("hr.analyst", "demo-hr-analyst").queryParam("department", department).queryParam("q", "МИРОН")
                .get("/api/members").then().statusCode(200).extract().jsonPath().getList("vkUserId", Long.class))
                .containsExactly(base + 2);
        as("hr.analyst", "demo-hr-analyst").queryParam("size", 501).get("/api/members").then().statusCode(400)
                .contentType("application/problem+json").body(containsString("size"));
    }

    @Test
    void flywayMigratedTheServiceDatabase() {
        ServiceContract.assertFlywayMigrated(dataSource, "vklad_gateway");
    }

    private static RequestSpecification as(String user, String password) {
        return given().auth().oauth2(KeycloakTokens.accessToken(user, password));
    }

    private static Map<String, String> member(String employeeId) {
        return Map.of("employeeId", employeeId, "fullName", "Иван Петров", "department", "Продажи",
                "audience", "employees");
    }
}
