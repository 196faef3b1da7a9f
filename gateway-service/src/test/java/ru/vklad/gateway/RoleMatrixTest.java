package ru.vklad.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import ru.vklad.devstack.test.DevStackResource;
import ru.vklad.devstack.test.KeycloakTokens;
import ru.vklad.devstack.test.SharedStack;
import ru.vklad.devstack.test.TestKafka;
import ru.vklad.events.Activity;
import ru.vklad.events.ActivityType;
import ru.vklad.events.Topics;
import ru.vklad.events.VkObject;

/**
 * Every endpoint of the HR API × every caller: no token, a token of another issuer and an expired one get 401, a role the endpoint
 * does not declare gets 403, a declared role gets a 2xx for a valid request. The table below must name exactly the
 * operations the OpenAPI document lists under /api, so a new endpoint cannot be added without its row.
 */
@QuarkusTest
@WithTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "vklad_gateway"))
class RoleMatrixTest {

    private static final String ADMIN = "hr-admin";
    private static final String ANALYST = "hr-analyst";
    private static final String EMPLOYEE = "employee";

    /** One operation: who may call it, and a valid request for it (built per call: writes need fresh data). */
    private record Operation(String method, String path, Set<String> roles,
                             Function<RequestSpecification, Response> call) {
    }

    @Test
    void everyEndpointAnswersEachCallerExactlyAsItsRolesDeclare() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put(ADMIN, KeycloakTokens.accessToken("hr.admin", "demo-hr-admin"));
        tokens.put(ANALYST, KeycloakTokens.accessToken("hr.analyst", "demo-hr-analyst"));
        tokens.put(EMPLOYEE, KeycloakTokens.accessToken("employee", "demo-employee"));
        String foreign = masterRealmToken();
        String expired = expiredAdminToken();
        Fixture fixture = new Fixture(tokens.get(ADMIN));

        List<Operation> operations = operations(fixture);
        Set<String> table = new TreeSet<>();
        operations.forEach(o -> table.add(o.method() + " " + o.path()));
        assertThat(table).as("the table covers the OpenAPI document").isEqualTo(documented());

        SoftAssertions soft = new SoftAssertions();
        for (Operation op : operations) {
            String name = op.method() + " " + op.path();
            soft.assertThat(op.call().apply(given()).statusCode()).as(name + " without a token").isEqualTo(401);
            soft.assertThat(op.call().apply(given().auth().oauth2(foreign)).statusCode())
                    .as(name + " with a token of another issuer").isEqualTo(401);
            soft.assertThat(op.call().apply(given().auth().oauth2(expired)).statusCode())
                    .as(name + " with an expired hr-admin token").isEqualTo(401);
            tokens.forEach((role, token) -> {
                int status = op.call().apply(given().auth().oauth2(token)).statusCode();
                if (op.roles().contains(role)) {
                    soft.assertThat(status).as(name + " as " + role + " (declared)").isBetween(200, 299);
                } else {
                    soft.assertThat(status).as(name + " as " + role + " (not declared)").isEqualTo(403);
                }
            });
        }
        soft.assertAll();
    }

    private static List<Operation> operations(Fixture f) {
        List<Operation> ops = new ArrayList<>();
        ops.add(new Operation("GET", "/api/members", Set.of(ADMIN, ANALYST),
                r -> r.queryParam("department", "ИТ").get("/api/members")));
        ops.add(new Operation("GET", "/api/members/{vkUserId}", Set.of(ADMIN, ANALYST),
                r -> r.get("/api/members/" + f.member)));
        ops.add(new Operation("PUT", "/api/members/{vkUserId}", Set.of(ADMIN),
                r -> r.contentType("application/json").body(Map.of("employeeId", "E-RM-" + f.member,
                        "fullName", "Роль Матрицева", "department", "ИТ", "audience", "employees"))
                        .put("/api/members/" + f.member)));
        ops.add(new Operation("POST", "/api/members/import", Set.of(ADMIN),
                r -> r.contentType("text/csv; charset=UTF-8").queryParam("preview", true)
                        .body(f.member + ",E-RM-" + f.member + ",Роль Матрицева,ИТ\n").post("/api/members/import")));
        ops.add(new Operation("DELETE", "/api/members/{vkUserId}", Set.of(ADMIN),
                r -> r.delete("/api/members/" + f.erasable)));
        ops.add(new Operation("PUT", "/api/members/{vkUserId}/consent", Set.of(ADMIN),
                r -> r.contentType("application/json").body(Map.of("given", true))
                        .put("/api/members/" + f.member + "/consent")));
        ops.add(new Operation("GET", "/api/audit", Set.of(ADMIN), r -> r.get("/api/audit")));
        ops.add(new Operation("GET", "/api/audit/export.csv", Set.of(ADMIN),
                r -> r.queryParam("action", "rule.").get("/api/audit/export.csv")));
        ops.add(new Operation("GET", "/api/rules", Set.of(ADMIN, ANALYST, EMPLOYEE), r -> r.get("/api/rules")));
        ops.add(new Operation("PUT", "/api/rules/{ruleId}", Set.of(ADMIN),
                // Effective far in the future, so nothing of this build earns under it.
                r -> r.contentType("application/json").body(Map.of("points", 150, "effectiveFrom",
                        "2099-01-01T00:00:00Z")).put("/api/rules/finished_project")));
        ops.add(new Operation("GET", "/api/ideas", Set.of(ADMIN, ANALYST), r -> r.get("/api/ideas")));
        ops.add(new Operation("POST", "/api/ideas/{id}/approve", Set.of(ADMIN),
                r -> r.contentType("application/json").body(Map.of("points", 60))
                        .post("/api/ideas/" + f.ideas.get(0) + "/approve")));
        ops.add(new Operation("POST", "/api/ideas/{id}/reject", Set.of(ADMIN),
                r -> r.contentType("application/json").body(Map.of("reason", "Уже есть"))
                        .post("/api/ideas/" + f.ideas.get(1) + "/reject")));
        ops.add(new Operation("POST", "/api/awards", Set.of(ADMIN),
                r -> r.header("Idempotency-Key", "rm-" + System.nanoTime()).contentType("application/json")
                        .body(Map.of("vkUserId", f.member, "rule", "other", "points", 5, "reason", "помощь коллегам"))
                        .post("/api/awards")));
        ops.add(new Operation("POST", "/api/holds/decisions", Set.of(ADMIN),
                r -> r.contentType("application/json").body(Map.of("holdKey", "rm-hold-" + System.nanoTime(),
                        "vkUserId", f.member, "decision", "REJECT", "reason", "проверка ролей"))
                        .post("/api/holds/decisions")));
        ops.add(new Operation("POST", "/api/holds/decisions/bulk", Set.of(ADMIN),
                r -> r.contentType("application/json").body(Map.of("decisions", List.of(Map.of("holdKey",
                        "rm-bulk-" + System.nanoTime(), "vkUserId", f.member, "decision", "REJECT", "reason",
                        "проверка ролей")))).post("/api/holds/decisions/bulk")));
        ops.add(new Operation("GET", "/api/awards/{commandId}", Set.of(ADMIN, ANALYST),
                r -> r.get("/api/awards/" + f.award)));
        ops.add(new Operation("POST", "/api/awards/projects", Set.of(ADMIN),
                r -> r.contentType("text/csv; charset=UTF-8").queryParam("preview", true)
                        .body("E-RM-" + f.member + ",Портал,200\n").post("/api/awards/projects")));
        ops.add(new Operation("GET", "/api/me", Set.of(EMPLOYEE), r -> r.get("/api/me")));
        ops.add(new Operation("PUT", "/api/me/consent", Set.of(EMPLOYEE),
                r -> r.contentType("application/json").body(Map.of("given", true)).put("/api/me/consent")));
        ops.add(new Operation("POST", "/api/me/redemptions", Set.of(EMPLOYEE),
                r -> r.header("Idempotency-Key", "rm-" + System.nanoTime()).contentType("application/json")
                        .body(Map.of("points", 100)).post("/api/me/redemptions")));
        // Last: the demo employee erases themselves.
        ops.add(new Operation("DELETE", "/api/me", Set.of(EMPLOYEE), r -> r.delete("/api/me")));
        return ops;
    }

    /** Operations under /api in the OpenAPI document, as "METHOD /path". */
    private static Set<String> documented() {
        JsonPath openapi = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Object>> paths = openapi.getMap("paths");
        Set<String> ops = new TreeSet<>();
        paths.forEach((path, methods) -> {
            // The services behind the gateway check the propagated token themselves: their matrix is
            // walked in DownstreamProxyTest (the gateway's part) and WholeFlowIT (through the real services).
            if (path.startsWith("/api/") && !path.startsWith("/api/ledger/") && !path.startsWith("/api/analytics/")
                    && !path.startsWith("/api/notifications/")) {
                methods.keySet().stream().filter(m -> Set.of("get", "put", "post", "delete", "patch").contains(m))
                        .forEach(m -> ops.add(m.toUpperCase() + " " + path));
            }
        });
        return ops;
    }

    /** A token the master realm issued: valid, signed, but not by the realm the gateway trusts. */
    private static String masterRealmToken() {
        return given().formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", "admin")
                .post(SharedStack.endpoints().keycloakUrl() + "/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    /**
     * hr-admin's genuine token, expired: issued while the realm's token lifespan is one second (set through the
     * admin API and restored at once), then left to expire.
     */
    private static String expiredAdminToken() {
        String admin = masterRealmToken();
        String realm = SharedStack.endpoints().keycloakUrl() + "/admin/realms/vklad";
        int lifespan = given().auth().oauth2(admin).get(realm).then().statusCode(200).extract()
                .path("accessTokenLifespan");
        String token;
        try {
            given().auth().oauth2(admin).contentType("application/json").body(Map.of("accessTokenLifespan", 1))
                    .put(realm).then().statusCode(204);
            token = ru.vklad.devstack.OidcTokens.password(SharedStack.endpoints().keycloakUrl() + "/realms/vklad",
                    "hr.admin", "demo-hr-admin");
        } finally {
            given().auth().oauth2(admin).contentType("application/json")
                    .body(Map.of("accessTokenLifespan", lifespan)).put(realm).then().statusCode(204);
        }
        String issued = token;
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() ->
                given().auth().oauth2(issued).get("/api/rules").statusCode() == 401);
        return token;
    }

    /** Data the valid requests need: a member, an award of theirs, and pending ideas to decide. */
    private static final class Fixture {
        final long member = 58_000_000L + System.nanoTime() % 1_000_000;
        /** Erased by the one caller allowed to; the others are refused before it is looked up. */
        final long erasable = member + 1_000_000;
        final String award;
        /** Pending ideas: one to approve, one to reject (only hr-admin's call reaches them). */
        final List<String> ideas = new ArrayList<>();

        Fixture(String admin) {
            given().auth().oauth2(admin).contentType("application/json").body(Map.of("employeeId", "E-RM-" + member,
                    "fullName", "Роль Матрицева", "department", "ИТ", "audience", "employees"))
                    .put("/api/members/" + member).then().statusCode(200);
            given().auth().oauth2(admin).contentType("application/json").body(Map.of("employeeId", "E-RM-" + erasable,
                    "fullName", "Стёртый Матрицев", "department", "ИТ", "audience", "employees"))
                    .put("/api/members/" + erasable).then().statusCode(200);
            // The demo employee's token names VK user 51200901: their own entry, for the /api/me rows.
            given().auth().oauth2(admin).contentType("application/json").body(Map.of("employeeId", "E-51200901",
                    "fullName", "Иван Петров", "department", "Продажи", "audience", "employees"))
                    .put("/api/members/51200901").then().statusCode(200);
            String location = given().auth().oauth2(admin).header("Idempotency-Key", "rm-fixture-" + member)
                    .contentType("application/json")
                    .body(Map.of("vkUserId", member, "rule", "other", "points", 5, "reason", "для проверки ролей"))
                    .post("/api/awards").then().statusCode(202).extract().header("Location");
            award = location.substring(location.lastIndexOf('/') + 1);
            for (int i = 0; i < 2; i++) {
                String event = "rm-idea-" + member + "-" + i;
                TestKafka.send(Topics.ACTIVITIES, String.valueOf(member), new Activity("229000001:" + event,
                        229000001L, ActivityType.POST_PUBLISHED, member, new VkObject("post", -229000001L,
                        Math.abs(event.hashCode()), null), member, "#идея Проверка ролей " + i, true, null, 0,
                        Instant.now()));
                ideas.add("229000001:" + event);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().auth().oauth2(admin)
                    .queryParam("size", 100).get("/api/ideas").then().extract().jsonPath()
                    .getList("findAll { it.authorVkId == " + member + " }")).hasSize(2));
        }
    }
}
