package ru.vklad.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import ru.vklad.devstack.test.DevStackResource;
import ru.vklad.devstack.test.KeycloakTokens;

/** Every HR write lands in the append-only audit log with who, from which client, before and after. */
@QuarkusTest
@WithTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "vklad_gateway"))
class AuditLogTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void memberChangesAreLoggedWithTheStateBeforeAndAfter() {
        long vkUserId = 51_700_000L + System.nanoTime() % 100_000;
        admin().contentType("application/json").body(Map.of("employeeId", "E-AU-" + vkUserId, "fullName",
                "Аудит Первый", "department", "ИТ")).put("/api/members/" + vkUserId).then().statusCode(200);
        admin().contentType("application/json").body(Map.of("employeeId", "E-AU-" + vkUserId, "fullName",
                "Аудит Первый", "department", "Продажи")).put("/api/members/" + vkUserId).then().statusCode(200);
        admin().contentType("application/json").body(Map.of("given", true))
                .put("/api/members/" + vkUserId + "/consent").then().statusCode(200);

        String target = "member:" + vkUserId;
        var entries = admin().queryParam("action", "member.").queryParam("size", 500).get("/api/audit").then()
                .statusCode(200).extract().jsonPath();
        assertThat(entries.getList("findAll { it.target == '" + target + "' }.action"))
                .containsExactly("member.consent.give", "member.save", "member.save");
        String moved = "find { it.target == '" + target + "' && it.action == 'member.save' && it.before != null }";
        assertThat(entries.getString(moved + ".before")).contains("\"department\":\"ИТ\"");
        assertThat(entries.getString(moved + ".after")).contains("\"department\":\"Продажи\"");
        assertThat(entries.getString(moved + ".actor")).isEqualTo("hr.admin");
        assertThat(entries.getString(moved + ".client")).isEqualTo("vklad-dashboard");
        assertThat(entries.getString("find { it.target == '" + target + "' && it.before == null }.action"))
                .as("the creation has no state before").isEqualTo("member.save");
    }

    @Test
    void ruleChangesAndAwardsAreLoggedAndTheLogExportsAsCsv() {
        admin().contentType("application/json").body(Map.of("points", 3, "effectiveFrom", "2099-01-01T00:00:00Z"))
                .put("/api/rules/poll_vote").then().statusCode(200);
        admin().queryParam("action", "rule.change").get("/api/audit").then().statusCode(200)
                .body("[0].target", equalTo("rule:poll_vote")).body("[0].after", containsString("\"points\":3"))
                .body("[0].before", containsString("\"ruleId\":\"poll_vote\""));
        admin().queryParam("action", "nothing.like.this").get("/api/audit").then().statusCode(200)
                .body("size()", equalTo(0));
        admin().queryParam("actor", "hr.admin").queryParam("action", "rule.").get("/api/audit/export.csv").then()
                .statusCode(200).contentType("text/csv")
                .body(startsWith("\uFEFFid,at,actor,client,action,target,before,after\r\n"))
                .body(containsString(",hr.admin,vklad-dashboard,rule.change,rule:poll_vote,"));
        given().auth().oauth2(KeycloakTokens.accessToken("hr.analyst", "demo-hr-analyst")).get("/api/audit").then()
                .statusCode(403);
        admin().queryParam("size", 501).get("/api/audit").then().statusCode(400);
    }

    @Test
    void theCsvExportShowsFormulasAsText() throws SQLException, IOException {
        String actor = "=HYPERLINK(\"http://evil.example\";\"x\")" + System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            var insert = c.prepareStatement("""
                    INSERT INTO audit_entry (actor, client, action, target, before, after)
                    VALUES (?, '@client', 'rule.change', '-1+1', NULL, '+{}')""");
            insert.setString(1, actor);
            insert.executeUpdate();
        }
        String csv = admin().queryParam("actor", actor).get("/api/audit/export.csv").then().statusCode(200)
                .extract().asString();
        List<String[]> rows = new ArrayList<>();
        try (MappingIterator<String[]> read = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .readerFor(String[].class).readValues(csv.substring(1))) {
            read.forEachRemaining(rows::add);
        }
        assertThat(rows).hasSize(2);
        assertThat(Arrays.copyOfRange(rows.get(1), 2, 8))
                .containsExactly("'" + actor, "'@client", "rule.change", "'-1+1", "", "'+{}");
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteTheLog() throws SQLException {
        admin().contentType("application/json").body(Map.of("points", 4, "effectiveFrom", "2099-01-01T00:00:00Z"))
                .put("/api/rules/poll_vote").then().statusCode(200);
        try (Connection c = dataSource.getConnection()) {
            assertThatThrownBy(() -> c.createStatement().executeUpdate("UPDATE audit_entry SET actor = 'someone'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> c.createStatement().executeUpdate("DELETE FROM audit_entry"))
                    .hasMessageContaining("append-only");
        }
        admin().queryParam("action", "rule.change").get("/api/audit").then().body("[0].actor", equalTo("hr.admin"))
                .body("[0].client", org.hamcrest.Matchers.not(nullValue()));
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(KeycloakTokens.accessToken("hr.admin", "demo-hr-admin"));
    }
}
