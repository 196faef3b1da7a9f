package ru.vklad.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import ru.vklad.devstack.DemoCommunity;
import ru.vklad.devstack.StackEndpoints;
import ru.vklad.devstack.VkladService;
import ru.vklad.devstack.test.KeycloakTokens;
import ru.vklad.devstack.test.SharedStack;
import ru.vklad.devstack.vk.VkApiDouble;

/**
 * The whole product on real Kafka, PostgreSQL and Keycloak, with all five packaged services and the VK API double:
 * HR registers a consenting member with a real token, VK calls the Callback API (retries included), points reach
 * the ledger with exact balances, analytics agree with the ledger, and the member hears about it in VK once.
 */
class WholeFlowIT {

    private static final String VK_TOKEN = "e2e-community-token";
    private static final String POST_BY_COMMUNITY = "1201";
    private static Product product;
    private static StackEndpoints stack;
    private static VkApiDouble vk;
    private static String hrAdmin;

    @BeforeAll
    static void startTheProduct() throws Exception {
        stack = SharedStack.endpoints();
        vk = VkApiDouble.start(0).acceptToken(VK_TOKEN, DemoCommunity.ID);
        Path project = Path.of(System.getProperty("vklad.project.dir", "..")).toAbsolutePath().normalize();
        product = Product.start(stack, vk, VK_TOKEN, project.resolve("e2e/target/services"));
        hrAdmin = KeycloakTokens.accessToken("hr.admin", "demo-hr-admin");
    }

    @AfterAll
    static void stopTheProduct() {
        if (product != null) {
            product.close();
        }
        if (vk != null) {
            vk.close();
        }
    }

    @Test
    void aCommentEarnsOnceDespiteRetriesIsTakenBackOnDeleteAndGivenAgainOnRestore() throws Exception {
        long member = newConsentingMemberWhoAllowsMessages("Анна Комментаторова");
        String comment = wallReplyNew(member, 880_000 + member % 100_000,
                "Отличная инициатива! Предлагаю добавить голосование за лучшие идеи раз в месяц.");
        for (int retry = 0; retry < 5; retry++) {
            callback(comment); // VK retries the same event_id
        }
        awaitBalance(member, 5);
        awaitMessages(member, 1);
        assertThat(vk.messagesTo(member).get(0).text()).startsWith("Спасибо! +5 баллов").endsWith("Баланс: 5");

        callback(wallReplyDelete(member, 880_000 + member % 100_000));
        awaitBalance(member, 0);
        awaitMessages(member, 2);
        assertThat(vk.messagesTo(member).get(1).text()).startsWith("Списано 5 баллов").endsWith("Баланс: 0");

        callback(wallReplyRestore(member, 880_000 + member % 100_000,
                "Отличная инициатива! Предлагаю добавить голосование за лучшие идеи раз в месяц."));
        awaitBalance(member, 5);
        awaitMessages(member, 3);
        assertThat(vk.messagesTo(member).get(2).text()).startsWith("Спасибо! +5 баллов").endsWith("Баланс: 5");

        awaitContribution(member, 5);
        awaitLedgerCheckOk();
        // Still three: no retry, redelivery or restart of a consumer produced a second message.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(vk.messagesTo(member)).hasSize(3));

        // The member asks the community bot, as VK delivers it (twice: a retry), and hears the ledger's balance.
        String question = messageNew(member, "Баланс");
        callback(question);
        callback(question);
        awaitMessages(member, 4);
        assertThat(vk.messagesTo(member).get(3).text()).isEqualTo("Ваш баланс: 5 баллов.");
        assertThat(vk.messagesTo(member).get(3).keyboard()).contains("Баланс");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .untilAsserted(() -> assertThat(vk.messagesTo(member)).hasSize(4));
    }

    @Test
    void hrAwardsFinishedProjectsFromACsvOnceHoweverOftenItIsImported() throws Exception {
        long member = newConsentingMemberWhoAllowsMessages("Вера Проектова");
        String csv = "employee_id,project,points\nE2E-" + member + ",\"Переезд склада, этап 2\",300\n";
        String gateway = product.url(VkladService.GATEWAY);
        for (int run = 0; run < 2; run++) {
            given().auth().oauth2(hrAdmin).contentType("text/csv; charset=UTF-8").body(csv)
                    .post(gateway + "/api/awards/projects").then().statusCode(200)
                    .body("submitted", org.hamcrest.Matchers.equalTo(1));
        }
        String commandId = given().auth().oauth2(hrAdmin).contentType("text/csv; charset=UTF-8").body(csv)
                .post(gateway + "/api/awards/projects").then().extract().jsonPath().getString("results[0].commandId");

        awaitBalance(member, 300);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().auth().oauth2(hrAdmin)
                .get(gateway + "/api/awards/" + commandId).then().statusCode(200).extract().jsonPath()
                .getString("status")).isEqualTo("POSTED"));
        awaitMessages(member, 1);
        assertThat(vk.messagesTo(member).get(0).text())
                .isEqualTo("Спасибо! +300 баллов за завершённый проект «Переезд склада, этап 2». Баланс: 300");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(balance(member)).isEqualTo(300);
            assertThat(vk.messagesTo(member)).hasSize(1);
        });
        awaitLedgerCheckOk();
    }

    @Test
    void hrReadsAndSetsTheLedgerAndAnalyticsThroughTheGatewayWithTheirOwnToken() throws Exception {
        long member = newConsentingMemberWhoAllowsMessages("Галина Шлюзова");
        callback(like("like_add", member));
        awaitBalance(member, 1);
        String statement = gateway() + "/api/ledger/members/" + member + "/statement";
        given().auth().oauth2(hrAdmin).queryParam("limit", 1).get(statement).then().statusCode(200)
                .body("lines.size()", org.hamcrest.Matchers.equalTo(1));
        // The ledger checks the propagated token itself: an employee may not read someone else's statement.
        given().auth().oauth2(KeycloakTokens.accessToken("employee", "demo-employee")).get(statement).then()
                .statusCode(403);
        given().get(statement).then().statusCode(401);
        // Errors of the service behind come back as they are: the ledger's own problem for a bad month.
        given().auth().oauth2(hrAdmin).get(gateway() + "/api/ledger/budgets/2026-13").then().statusCode(400);
        // A write with a body, and a Cyrillic department in the path.
        given().auth().oauth2(hrAdmin).contentType(ContentType.JSON).body("{\"limit\": 5000}")
                .put(gateway() + "/api/ledger/budgets/2099-01/departments/Отдел шлюза").then().statusCode(200);
        given().auth().oauth2(KeycloakTokens.accessToken("hr.analyst", "demo-hr-analyst"))
                .get(gateway() + "/api/ledger/budgets/2099-01").then().statusCode(200)
                .body("find { it.department == 'Отдел шлюза' }.limit", org.hamcrest.Matchers.equalTo(5000));
        String today = LocalDate.now(ZoneId.of("Europe/Moscow")).toString();
        String csv = given().auth().oauth2(hrAdmin).queryParam("from", today).queryParam("to", today)
                .get(gateway() + "/api/analytics/exports/departments.csv").then().statusCode(200)
                .contentType("text/csv").header("Content-Disposition", org.hamcrest.Matchers.containsString(today))
                .extract().asString();
        assertThat(csv).startsWith("\uFEFFdepartment,members,active_members");

        // Erasure through the gateway: analytics and the ledger forget the person's VK id (the ledger keeps their
        // balanced entries under an anonymous one), and the ledger still proves its invariants.
        awaitContribution(member, 1);
        given().auth().oauth2(hrAdmin).delete(gateway() + "/api/members/" + member).then().statusCode(204);
        awaitContribution(member, 0);
        awaitBalance(member, 0);
        awaitLedgerCheckOk();
    }

    @Test
    void erasureLeavesNothingOfThePersonInAnyDatabaseAndTheLedgerBalanced() throws Exception {
        long member = newConsentingMemberWhoAllowsMessages("Ерофей Стиркин");
        long comment = 660_000 + member % 100_000;
        callback(wallReplyNew(member, comment,
                "Давайте обмениваться опытом между отделами каждый месяц, по очереди."));
        callback(like("like_add", member));
        callback(messageNew(member, "Баланс"));
        String gateway = gateway();
        given().auth().oauth2(hrAdmin).contentType(ContentType.JSON).header("Idempotency-Key", "e2e-erasure-" + member)
                .body(Map.of("vkUserId", member, "rule", "contest_win", "points", 200,
                        "reason", "за победу в конкурсе наставников"))
                .post(gateway + "/api/awards").then().statusCode(202);
        given().auth().oauth2(hrAdmin).contentType("text/csv; charset=UTF-8")
                .body("employee_id,project,points\nE2E-" + member + ",Склад,300\n")
                .post(gateway + "/api/awards/projects").then().statusCode(200);
        awaitBalance(member, 5 + 1 + 200 + 300);
        awaitMessages(member, 5); // four awards and the bot's answer
        awaitContribution(member, 506);
        String name = "Стиркин";
        String text = "опытом между отделами";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(databasesMentioning(member, name)).isNotEmpty();
            assertThat(databasesMentioning(member, text)).as("the comment's text, kept for HR").isNotEmpty();
        });

        given().auth().oauth2(hrAdmin).delete(gateway + "/api/members/" + member).then().statusCode(204);

        // Every table of every service, each row as text: neither the VK id, nor the employee id (it holds the VK
        // id), nor the name, nor the comment's text are left anywhere. The ledger's entries stay, under an anonymous
        // id; the comment's terms stay counted per post and day, as words without an author.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(databasesMentioning(member, name)).isEmpty();
            assertThat(databasesMentioning(member, text)).isEmpty();
        });
        awaitBalance(member, 0);
        awaitLedgerCheckOk();
    }

    @Test
    void likeUnlikeLikeEarnsOnceAndTheUnlikeTakesItBack() throws Exception {
        long member = newConsentingMemberWhoAllowsMessages("Борис Лайкин");
        callback(like("like_add", member));
        awaitBalance(member, 1);
        callback(like("like_remove", member));
        awaitBalance(member, 0);
        callback(like("like_add", member));
        callback(like("like_add", member)); // and a VK retry of it
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .untilAsserted(() -> assertThat(balance(member)).isZero());
        awaitLedgerCheckOk();
    }

    @Test
    void someoneWhoNeverConsentedEarnsNothingAndHearsNothing() throws Exception {
        long stranger = 77_000_000L + System.nanoTime() % 1_000_000;
        vk.allowMessages(stranger);
        callback(messageAllow(stranger));
        callback(wallReplyNew(stranger, 990_000 + stranger % 100_000,
                "Очень содержательный комментарий о квартальных итогах команды."));
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).untilAsserted(() -> {
            assertThat(balance(stranger)).isZero();
            assertThat(vk.messagesTo(stranger)).isEmpty();
        });
    }

    private long newConsentingMemberWhoAllowsMessages(String name) throws Exception {
        long member = 76_000_000L + System.nanoTime() % 1_000_000;
        String gateway = product.url(VkladService.GATEWAY);
        given().auth().oauth2(hrAdmin).contentType(ContentType.JSON)
                .body(Map.of("employeeId", "E2E-" + member, "fullName", name, "department", "Продажи",
                        "audience", "employees"))
                .put(gateway + "/api/members/" + member).then().statusCode(200);
        given().auth().oauth2(hrAdmin).contentType(ContentType.JSON).body(Map.of("given", true))
                .put(gateway + "/api/members/" + member + "/consent").then().statusCode(200);
        // The activity service learns consent from the members topic.
        await().atMost(Duration.ofSeconds(30)).until(() -> exists("vklad_activity",
                "SELECT 1 FROM member_consent WHERE vk_user_id = ? AND consent_given", member));
        vk.allowMessages(member);
        callback(messageAllow(member));
        await().atMost(Duration.ofSeconds(30)).until(() -> exists("vklad_notification",
                "SELECT 1 FROM recipient WHERE vk_user_id = ? AND messages_allowed", member));
        return member;
    }

    private static void callback(String body) {
        given().contentType(ContentType.JSON).body(body)
                .post(product.url(VkladService.ACTIVITY) + "/vk/callback")
                .then().statusCode(200).body(org.hamcrest.Matchers.equalTo("ok"));
    }

    private static String event(String type, String object) {
        return "{\"type\":\"" + type + "\",\"event_id\":\"" + UUID.randomUUID().toString().replace("-", "")
                + "\",\"v\":\"5.199\",\"group_id\":" + DemoCommunity.ID + ",\"secret\":\"" + DemoCommunity.SECRET
                + "\",\"object\":" + object + "}";
    }

    private static String wallReplyNew(long author, long commentId, String text) {
        return event("wall_reply_new", comment(author, commentId, text));
    }

    private static String wallReplyRestore(long author, long commentId, String text) {
        return event("wall_reply_restore", comment(author, commentId, text));
    }

    private static String comment(long author, long commentId, String text) {
        return "{\"id\":" + commentId + ",\"from_id\":" + author + ",\"date\":1763899500,\"text\":\"" + text
                + "\",\"post_id\":" + POST_BY_COMMUNITY + ",\"owner_id\":-" + DemoCommunity.ID
                + ",\"parents_stack\":[],\"thread\":{\"count\":0},\"attachments\":[]}";
    }

    private static String wallReplyDelete(long deleter, long commentId) {
        return event("wall_reply_delete", "{\"owner_id\":-" + DemoCommunity.ID + ",\"id\":" + commentId
                + ",\"deleter_id\":" + deleter + ",\"post_id\":" + POST_BY_COMMUNITY + "}");
    }

    private static String like(String type, long liker) {
        return event(type, "{\"liker_id\":" + liker + ",\"object_type\":\"post\",\"object_owner_id\":-"
                + DemoCommunity.ID + ",\"object_id\":" + POST_BY_COMMUNITY + ",\"thread_reply_id\":0,\"post_id\":0}");
    }

    private static String messageNew(long user, String text) {
        return event("message_new", "{\"message\":{\"date\":1763900600,\"from_id\":" + user + ",\"id\":0,"
                + "\"out\":0,\"peer_id\":" + user + ",\"text\":\"" + text + "\",\"conversation_message_id\":14,"
                + "\"fwd_messages\":[],\"attachments\":[]},\"client_info\":{\"keyboard\":true,\"lang_id\":0}}");
    }

    private static String messageAllow(long user) {
        return event("message_allow", "{\"user_id\":" + user + ",\"key\":\"spasibo-optin\"}");
    }

    /** The member's balance as HR reads it: through the gateway, which calls the ledger with HR's token. */
    private static long balance(long member) {
        return given().auth().oauth2(hrAdmin).get(gateway() + "/api/ledger/members/" + member + "/balance")
                .then().statusCode(200).extract().jsonPath().getLong("available");
    }

    private static String gateway() {
        return product.url(VkladService.GATEWAY);
    }

    private static void awaitBalance(long member, long expected) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(balance(member)).isEqualTo(expected));
    }

    private static void awaitMessages(long member, int count) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(vk.messagesTo(member)).hasSize(count));
    }

    /** The member's contribution today in analytics (the leaderboard's top is other tests' members). */
    private static void awaitContribution(long member, long points) {
        String today = LocalDate.now(ZoneId.of("Europe/Moscow")).toString();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().auth().oauth2(hrAdmin)
                .queryParam("from", today).queryParam("to", today)
                .get(gateway() + "/api/analytics/members/" + member + "/points")
                .then().statusCode(200).extract().jsonPath().getLong("points")).isEqualTo(points));
    }

    private static void awaitLedgerCheckOk() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().auth().oauth2(hrAdmin)
                .get(product.url(VkladService.LEDGER) + "/api/ledger/check").then().statusCode(200)
                .extract().jsonPath().getBoolean("ok")).isTrue());
    }

    /** Each table, in any service's database, with a row whose text has the VK id (as a whole number) or the word. */
    private static List<String> databasesMentioning(long vkUserId, String word) throws Exception {
        List<String> found = new ArrayList<>();
        for (VkladService service : VkladService.values()) {
            try (Connection c = DriverManager.getConnection(stack.jdbcUrl(service.database()), stack.postgresUser(),
                    stack.postgresPassword())) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = c.getMetaData().getTables(null, "public", "%", new String[]{"TABLE"})) {
                    while (rs.next()) {
                        tables.add(rs.getString("TABLE_NAME"));
                    }
                }
                for (String table : tables) {
                    try (PreparedStatement q = c.prepareStatement("SELECT x::text FROM \"" + table + "\" x "
                            + "WHERE x::text ~ ? OR x::text ILIKE ? LIMIT 1")) {
                        q.setString(1, "(^|[^0-9])" + vkUserId + "([^0-9]|$)");
                        q.setString(2, "%" + word + "%");
                        try (ResultSet rs = q.executeQuery()) {
                            if (rs.next()) {
                                found.add(service.database() + "." + table + ": " + rs.getString(1));
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    private static boolean exists(String database, String sql, long vkUserId) throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(database), stack.postgresUser(),
                stack.postgresPassword());
             PreparedStatement q = c.prepareStatement(sql)) {
            q.setLong(1, vkUserId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }
}
