package ru.vklad.devstack.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * What every Vklad service promises operators, asserted against the running service under test: readiness that
 * really reflects its database and Kafka, Prometheus metrics, an OpenAPI document with Swagger UI, and its schema
 * migrated by Flyway.
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

    /** Flyway ran the service's migrations, at start, on its own real database. */
    public static void assertFlywayMigrated(DataSource dataSource, String expectedDatabase) {
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT current_database(), count(*) FROM flyway_schema_history WHERE success")) {
            rs.next();
            if (!expectedDatabase.equals(rs.getString(1))) {
                throw new AssertionError("connected to " + rs.getString(1) + ", expected " + expectedDatabase);
            }
            if (rs.getInt(2) < 1) {
                throw new AssertionError("no successful migration in " + expectedDatabase);
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot read Flyway's history in " + expectedDatabase, e);
        }
    }
}
