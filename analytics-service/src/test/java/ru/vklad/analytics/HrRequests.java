package ru.vklad.analytics;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import javax.sql.DataSource;

import io.restassured.specification.RequestSpecification;
import ru.vklad.devstack.test.KeycloakTokens;

/** Requests as the demo HR users, and a count read straight from the service's database, for the wiring tests. */
final class HrRequests {

    private HrRequests() {
    }

    static RequestSpecification hr() {
        return given().auth().oauth2(KeycloakTokens.accessToken("hr.analyst", "demo-hr-analyst"));
    }

    static RequestSpecification admin() {
        return given().auth().oauth2(KeycloakTokens.accessToken("hr.admin", "demo-hr-admin"));
    }

    /** The first column of the first row of a query with one parameter. */
    static long count(DataSource dataSource, String sql, Object parameter) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, parameter);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
