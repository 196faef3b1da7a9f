package ru.vklad.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import ru.vklad.devstack.test.DevStackResource;
import ru.vklad.devstack.test.KeycloakTokens;
import ru.vklad.devstack.test.TestKafka;
import ru.vklad.events.AwardCommand;
import ru.vklad.events.Topics;
import ru.vklad.events.serde.AwardCommandDeserializer;
import ru.vklad.events.serde.MemberChangedDeserializer;

/**
 * The demo employee's token carries vk_user_id 51200901 (a Keycloak attribute only admins edit): they see and
 * change only their own entry, redeem their own points, and can erase themselves.
 */
@QuarkusTest
@WithTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "vklad_gateway"))
class SelfServiceTest {

    private static final long EMPLOYEE = 51_200_901L;

    @Test
    void anEmployeeSeesGivesConsentRedeemsAndErasesOnlyThemselves() {
        given().auth().oauth2(KeycloakTokens.accessToken("hr.admin", "demo-hr-admin")).contentType("application/json")
                .body(Map.of("employeeId", "E-" + EMPLOYEE, "fullName", "Иван Петров", "department", "Продажи"))
                .put("/api/members/" + EMPLOYEE).then().statusCode(200);

        employee().get("/api/me").then().statusCode(200).body("vkUserId", equalTo((int) EMPLOYEE))
                .body("fullName", equalTo("Иван Петров"));
        employee().contentType("application/json").body(Map.of("given", true)).put("/api/me/consent").then()
                .statusCode(200).body("consentGiven", equalTo(true));
        assertThat(TestKafka.await(Topics.MEMBERS, new MemberChangedDeserializer(),
                r -> r.key().equals(String.valueOf(EMPLOYEE)) && r.value() != null && r.value().consentGiven(), 1,
                Duration.ofSeconds(30))).isNotEmpty();

        String key = "redeem-" + System.nanoTime();
        String commandId = employee().header("Idempotency-Key", key).contentType("application/json")
                .body(Map.of("points", 300)).post("/api/me/redemptions").then().statusCode(202)
                .body("vkUserId", equalTo((int) EMPLOYEE)).body("points", equalTo(300))
                .extract().path("commandId");
        employee().header("Idempotency-Key", key).contentType("application/json").body(Map.of("points", 300))
                .post("/api/me/redemptions").then().statusCode(202).body("commandId", equalTo(commandId));
        AwardCommand redeem = TestKafka.await(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> commandId.equals(r.value().commandId()), 1, Duration.ofSeconds(30)).get(0).value();
        assertThat(redeem.type()).isEqualTo(AwardCommand.Type.REDEEM);
        assertThat(redeem.memberVkId()).isEqualTo(EMPLOYEE);
        assertThat(redeem.idempotencyKey()).isEqualTo("redeem:" + EMPLOYEE + ":" + key);

        employee().contentType("application/json").body(Map.of("points", 300)).post("/api/me/redemptions").then()
                .statusCode(400);
        employee().header("Idempotency-Key", "k").contentType("application/json").body(Map.of("points", 0))
                .post("/api/me/redemptions").then().statusCode(400);
        given().auth().oauth2(KeycloakTokens.accessToken("hr.admin", "demo-hr-admin")).get("/api/me").then()
                .statusCode(403);

        employee().delete("/api/me").then().statusCode(204);
        employee().get("/api/me").then().statusCode(404);
    }

    private static RequestSpecification employee() {
        return given().auth().oauth2(KeycloakTokens.accessToken("employee", "demo-employee"));
    }
}
