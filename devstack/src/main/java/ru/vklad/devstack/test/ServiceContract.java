package ru.vklad.devstack.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * What every Vklad service promises operators, asserted against the running service under test: readiness that
 * really reflects its database and Kafka, Prometheus metrics, and an OpenAPI document with Swagger UI.
 */
public final class ServiceContract {

    private ServiceContract() {
    }

    public static void assertOperable(String expectedTitle) {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(matchesPattern("(?i).*postgres.*")))
                .body("checks.name", hasItem(matchesPattern("(?i).*(messaging|kafka).*")));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(anyOf(containsString("kafka_producer_"), containsString("kafka_consumer_")));
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo(expectedTitle));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
