package ru.vklad.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import ru.vklad.devstack.test.DevStackResource;
import ru.vklad.devstack.test.ServiceContract;
import ru.vklad.devstack.test.KeycloakTokens;
import ru.vklad.devstack.test.TestKafka;
import ru.vklad.events.LedgerEvent;
import ru.vklad.events.Topics;

/** A posted award through the real broker becomes exactly one recorded message. */
@QuarkusTest
@WithTestResource(value = DevStackResource.class,
        initArgs = @ResourceArg(name = "database", value = "vklad_notification"))
class AwardNotificationWiringTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void postedAwardIsRecordedOnceInRussian() {
        long member = 71_000_000L + System.nanoTime() % 1_000_000;
        LedgerEvent posted = new LedgerEvent("entry-n-" + member, LedgerEvent.Type.ENTRY_POSTED, "cmd", "key", 42L,
                member, 5, 125L, "за содержательный комментарий к посту «Итоги квартала»", Instant.now());
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), posted);
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), posted); // redelivery

        String token = KeycloakTokens.accessToken("hr.admin", "demo-hr-admin");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> deliveries = given().auth().oauth2(token).queryParam("vkUserId", member)
                    .get("/api/notifications/deliveries").then().statusCode(200).extract().jsonPath().getList("$");
            assertThat(deliveries).hasSize(1);
            assertThat(deliveries.get(0)).containsEntry("status", "RECORDED")
                    .containsEntry("text", "Спасибо! +5 баллов за содержательный комментарий к посту «Итоги квартала». Баланс: 125");
        });
        // Let a late redelivery land, then check again that there is still one.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() ->
                assertThat(given().auth().oauth2(token).queryParam("vkUserId", member)
                        .get("/api/notifications/deliveries").then().extract().jsonPath().getList("$")).hasSize(1));
    }

    @Test
    void aReversalIsToldAsPointsTakenBack() {
        long member = 72_000_000L + System.nanoTime() % 1_000_000;
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), new LedgerEvent("entry-r-" + member,
                LedgerEvent.Type.ENTRY_POSTED, "cmd", "key:reversal", 43L, member, -5, 0L,
                "комментарий к посту 1201 удалён", Instant.now()));
        String token = KeycloakTokens.accessToken("hr.admin", "demo-hr-admin");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> deliveries = given().auth().oauth2(token).queryParam("vkUserId", member)
                    .get("/api/notifications/deliveries").then().statusCode(200).extract().jsonPath().getList("$");
            assertThat(deliveries).singleElement().satisfies(d -> assertThat(d)
                    .containsEntry("kind", "award_reversed")
                    .containsEntry("text", "Списано 5 баллов: комментарий к посту 1201 удалён. Баланс: 0"));
        });
    }

    @Test
    void deliveryLogIsForHrAdminsOnly() {
        given().queryParam("vkUserId", 1).get("/api/notifications/deliveries").then().statusCode(401);
        given().auth().oauth2(KeycloakTokens.accessToken("hr.analyst", "demo-hr-analyst"))
                .queryParam("vkUserId", 1).get("/api/notifications/deliveries").then().statusCode(403);
        given().auth().oauth2(KeycloakTokens.accessToken("hr.admin", "demo-hr-admin"))
                .get("/api/notifications/deliveries").then().statusCode(400);
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        ServiceContract.assertOperable("Vklad notifications");
    }

    @Test
    void flywayMigratedTheServiceDatabase() {
        ServiceContract.assertFlywayMigrated(dataSource, "vklad_notification");
    }
}
