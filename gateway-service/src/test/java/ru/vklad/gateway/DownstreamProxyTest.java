package ru.vklad.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import ru.vklad.devstack.test.DevStackResource;
import ru.vklad.devstack.test.KeycloakTokens;

/**
 * The gateway's own part of /api/ledger/** and /api/analytics/**: a token is required before anything is
 * forwarded, HR writes need hr-admin, and a service that does not answer is a problem, not a hang or a stack
 * trace. (In the test profile nothing listens at the services' addresses; WholeFlowIT goes through real ones.)
 */
@QuarkusTest
@WithTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "vklad_gateway"))
class DownstreamProxyTest {

    @Test
    void nothingIsForwardedWithoutAValidToken() {
        given().get("/api/ledger/members/1/balance").then().statusCode(401);
        given().get("/api/analytics/leaderboard?from=2026-01-01&to=2026-01-07").then().statusCode(401);
        given().auth().oauth2("not.a.token").get("/api/ledger/check").then().statusCode(401);
    }

    @Test
    void writesAndTheDeliveryLogThroughTheGatewayNeedHrAdmin() {
        for (String[] user : new String[][] {{"hr.analyst", "demo-hr-analyst"}, {"employee", "demo-employee"}}) {
            as(user[0], user[1]).contentType("application/json").body("{\"limit\": 10}")
                    .put("/api/ledger/budgets/2026-11/overall").then().statusCode(403);
            as(user[0], user[1]).post("/api/analytics/weekly-award/2026-W01").then().statusCode(403);
            as(user[0], user[1]).get("/api/notifications/deliveries?vkUserId=1").then().statusCode(403);
        }
    }

    @Test
    void aServiceThatDoesNotAnswerIsABadGatewayProblem() {
        as("hr.admin", "demo-hr-admin").get("/api/ledger/members/1/balance").then().statusCode(502)
                .contentType("application/problem+json")
                .body("title", equalTo("The ledger service is unavailable"))
                .body("detail", containsString("nothing was changed by the gateway"));
        as("hr.analyst", "demo-hr-analyst").queryParam("from", "2026-01-01").queryParam("to", "2026-01-07")
                .get("/api/analytics/leaderboard").then().statusCode(502)
                .body("title", equalTo("The analytics service is unavailable"));
        as("hr.admin", "demo-hr-admin").get("/api/notifications/deliveries?vkUserId=1").then().statusCode(502)
                .body("title", equalTo("The notification service is unavailable"));
    }

    private static RequestSpecification as(String user, String password) {
        return given().auth().oauth2(KeycloakTokens.accessToken(user, password));
    }
}
