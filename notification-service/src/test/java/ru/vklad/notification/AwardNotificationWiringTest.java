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
import ru.vklad.devstack.test.OpenApiSnapshot;
import ru.vklad.devstack.test.ServiceContract;
import ru.vklad.devstack.test.KeycloakTokens;
import ru.vklad.devstack.test.TestKafka;
import ru.vklad.events.Activity;
import ru.vklad.events.ActivityType;
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
        allowMessages(member, true);
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
        allowMessages(member, true);
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
    void aHeldAwardIsToldAsWaitingForHrAndItsRejectionAsNotConfirmed() {
        long member = 74_000_000L + System.nanoTime() % 1_000_000;
        allowMessages(member, true);
        Instant now = Instant.now();
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), new LedgerEvent("entry-h-" + member,
                LedgerEvent.Type.ENTRY_POSTED, "cmd-h", "idea:7", 45L, member, 0, 0L, "за идею «Кофе в переговорных»",
                now, "approved_idea", "hold", 40, 40L));
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), new LedgerEvent("entry-hr-" + member,
                LedgerEvent.Type.ENTRY_POSTED, "cmd-hr", "idea:7:rejected", 46L, member, 0, 0L,
                "бюджет отдела исчерпан", now.plusMillis(1), "approved_idea", "hold_rejected", -40, 0L));
        String token = KeycloakTokens.accessToken("hr.admin", "demo-hr-admin");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().auth().oauth2(token)
                .queryParam("vkUserId", member).get("/api/notifications/deliveries").then().statusCode(200)
                .extract().jsonPath().<String>getList("text")).containsExactlyInAnyOrder(
                        "Начисление +40 баллов за идею «Кофе в переговорных» ждёт подтверждения HR. Баллы станут "
                                + "доступны после решения.",
                        "Начисление 40 баллов не подтверждено: бюджет отдела исчерпан."));
        // Newest first, a page at a time.
        assertThat(given().auth().oauth2(token).queryParam("vkUserId", member).queryParam("limit", 1)
                .queryParam("page", 1).get("/api/notifications/deliveries").then().statusCode(200).extract()
                .jsonPath().<String>getList("text")).singleElement().asString().startsWith("Начисление +40 баллов");
    }

    @Test
    void aRedemptionAndAFailedPayoutAreToldASettledOneIsNot() {
        long member = 75_000_000L + System.nanoTime() % 1_000_000;
        allowMessages(member, true);
        Instant now = Instant.now();
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), new LedgerEvent("entry-rd-" + member,
                LedgerEvent.Type.ENTRY_POSTED, "cmd-rd", "redeem:1", 47L, member, -120, 30L, "1,20 ₽ на карту «Спасибо»",
                now, null, "redemption", 0, null));
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), new LedgerEvent("entry-ps-" + member,
                LedgerEvent.Type.ENTRY_POSTED, "cmd-ps", "payout:47:settled", 48L, member, 0, 30L, "оплачено",
                now.plusMillis(1), null, "payout_settled", 0, null));
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), new LedgerEvent("entry-pf-" + member,
                LedgerEvent.Type.ENTRY_POSTED, "cmd-pf", "payout:47:failed", 49L, member, 120, 150L,
                "карта «Спасибо» не найдена", now.plusMillis(2), null, "payout_failed", 0, null));
        String token = KeycloakTokens.accessToken("hr.admin", "demo-hr-admin");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().auth().oauth2(token)
                .queryParam("vkUserId", member).get("/api/notifications/deliveries").then().statusCode(200)
                .extract().jsonPath().<String>getList("text")).containsExactlyInAnyOrder(
                        "Обмен 120 баллов на бонусы «Спасибо» принят: 1,20 ₽ на карту «Спасибо». Баланс: 30",
                        "Выплата по обмену 120 баллов не прошла: карта «Спасибо» не найдена. Баллы возвращены, "
                                + "баланс: 150"));
    }

    @Test
    void membersWhoNeverAllowedOrDeniedMessagesGetNothingAndTheLogSaysWhy() {
        long never = 73_000_000L + System.nanoTime() % 1_000_000;
        long denied = never + 1;
        allowMessages(denied, true);
        allowMessages(denied, false);
        for (long member : new long[] {never, denied}) {
            TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), new LedgerEvent("entry-na-" + member,
                    LedgerEvent.Type.ENTRY_POSTED, "cmd", "key", 44L, member, 1, 1L, "за отметку", Instant.now()));
        }
        String token = KeycloakTokens.accessToken("hr.admin", "demo-hr-admin");
        for (long member : new long[] {never, denied}) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().auth().oauth2(token)
                    .queryParam("vkUserId", member).get("/api/notifications/deliveries").then().statusCode(200)
                    .extract().jsonPath().getList("status")).containsExactly("NOT_ALLOWED"));
        }
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
    void theGatewaysCopyOfThisApiIsCurrent() {
        OpenApiSnapshot.assertGatewayCopyIsCurrent("notification");
    }

    /** The member allows (or forbids) community messages, as VK tells the activity service; then it is known here. */
    private void allowMessages(long member, boolean allowed) {
        TestKafka.send(Topics.ACTIVITIES, String.valueOf(member), new Activity("229000001:perm-" + member + allowed,
                229000001L, allowed ? ActivityType.MESSAGES_ALLOWED : ActivityType.MESSAGES_DENIED, member, null, null,
                null, false, null, 0, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (var c = dataSource.getConnection(); var q = c.prepareStatement(
                    "SELECT 1 FROM recipient WHERE vk_user_id = ? AND messages_allowed = ?")) {
                q.setLong(1, member);
                q.setBoolean(2, allowed);
                return q.executeQuery().next();
            }
        });
    }

    @Test
    void flywayMigratedTheServiceDatabase() {
        ServiceContract.assertFlywayMigrated(dataSource, "vklad_notification");
    }
}
