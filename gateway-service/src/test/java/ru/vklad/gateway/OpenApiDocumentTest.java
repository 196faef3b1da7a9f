package ru.vklad.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import ru.vklad.devstack.test.DevStackResource;

/** The HR API is one OpenAPI document: the gateway's own operations and those of the services behind it. */
@QuarkusTest
@WithTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "vklad_gateway"))
class OpenApiDocumentTest {

    /**
     * Swagger UI shows each operation's request and answer built from examples: every parameter, and every text or
     * number field of every schema a request or a 2xx answer uses (nested ones too), must carry one.
     */
    @Test
    void everyOperationIsDocumentedWithExamples() throws Exception {
        JsonNode document = new ObjectMapper().readTree(given().accept("application/json").get("/q/openapi").then()
                .statusCode(200).extract().asString());
        ExampleAudit audit = new ExampleAudit(document.path("components").path("schemas"));
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!Set.of("get", "put", "post", "delete", "patch").contains(op.getKey())) {
                return;
            }
            String name = op.getKey().toUpperCase() + " " + path.getKey();
            JsonNode operation = op.getValue();
            if (!operation.hasNonNull("summary")) {
                audit.missing.add(name + ": no summary");
            }
            operation.path("parameters").forEach(parameter -> {
                if (!ExampleAudit.hasExample(parameter) && !ExampleAudit.hasExample(parameter.path("schema"))) {
                    audit.missing.add(name + ": parameter " + parameter.path("name").asText());
                }
            });
            operation.path("requestBody").path("content").forEach(content -> audit.content(content, name + " body"));
            operation.path("responses").fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("2")) {
                    response.getValue().path("content").forEach(content ->
                            audit.content(content, name + " " + response.getKey()));
                }
            });
        }));
        assertThat(audit.missing).as("fields and parameters without an example").isEmpty();
    }

    /** Walks schemas through their references, each once, noting text and number fields with no example. */
    private static final class ExampleAudit {
        final Set<String> missing = new TreeSet<>();
        private final JsonNode schemas;
        private final Set<String> seen = new HashSet<>();

        ExampleAudit(JsonNode schemas) {
            this.schemas = schemas;
        }

        static boolean hasExample(JsonNode node) {
            return node.has("example") || node.has("examples") || node.has("default") || node.has("enum")
                    || node.has("const");
        }

        void content(JsonNode content, String where) {
            if (!hasExample(content)) {
                schema(content.path("schema"), where);
            }
        }

        private void schema(JsonNode schema, String where) {
            if (schema.has("$ref")) {
                String name = schema.get("$ref").asText().substring("#/components/schemas/".length());
                if (seen.add(name)) {
                    schema(schemas.path(name), name);
                }
                return;
            }
            String type = schema.path("type").asText();
            if (type.equals("array")) {
                schema(schema.path("items"), where + "[]");
            } else if (type.equals("object") || schema.has("properties")) {
                schema.path("properties").fields().forEachRemaining(property -> {
                    JsonNode value = property.getValue();
                    String field = where + "." + property.getKey();
                    if (hasExample(value) || value.path("type").asText().equals("boolean")) {
                        return;
                    }
                    if (value.has("$ref") || Set.of("array", "object").contains(value.path("type").asText())) {
                        schema(value, field);
                    } else {
                        missing.add(field);
                    }
                });
                if (schema.path("additionalProperties").isObject()) {
                    schema(schema.path("additionalProperties"), where + "{}");
                }
            } else if (Set.of("string", "integer", "number").contains(type) && !hasExample(schema)) {
                missing.add(where);
            }
        }
    }

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
