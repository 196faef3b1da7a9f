package ru.vklad.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import ru.vklad.devstack.test.DevStackResource;

/** The HR API is one OpenAPI document: the gateway's own operations and those of the services behind it. */
@QuarkusTest
@WithTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "vklad_gateway"))
class OpenApiDocumentTest {

    private static JsonPath document() {
        return given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theProxiedServicesOperationsAreListedUnderTheGatewaysTitle() {
        JsonPath document = document();
        assertThat(document.getString("info.title")).isEqualTo("Vklad HR API");
        Map<String, Object> paths = document.getMap("paths");
        assertThat(paths).containsKeys("/api/members", "/api/rules", "/api/awards",
                "/api/ledger/members/{vkUserId}/balance", "/api/ledger/budgets/{month}",
                "/api/analytics/leaderboard", "/api/analytics/surveys/{poll}", "/api/notifications/deliveries");
        assertThat(paths.keySet()).as("the catch-all proxy routes are not operations of their own")
                .noneMatch(path -> path.contains("{path"));
        assertThat(document.getString("paths.'/api/ledger/members/{vkUserId}/balance'.get.responses.'200'"
                + ".content.'application/json'.schema.$ref")).isEqualTo("#/components/schemas/ledger.Balance");
        assertThat(document.getMap("components.schemas")).containsKeys("ledger.Balance", "analytics.Leaderboard",
                "notification.Delivery", "MemberView");
    }

    @Test
    void everyOperationNamesItsSecuritySchemeAndTheSchemeIsTheRealms() {
        JsonPath document = document();
        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            if (path.startsWith("/api/") && !method.equals("parameters")) {
                assertThat(operation.get("security")).as(method + " " + path).asString().contains("SecurityScheme");
            }
        }));
        assertThat(document.getString("components.securitySchemes.SecurityScheme.type")).isEqualTo("openIdConnect");
    }
}
