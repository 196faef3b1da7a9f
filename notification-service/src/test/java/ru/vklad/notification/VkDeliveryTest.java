package ru.vklad.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import ru.vklad.devstack.test.DevStackResource;
import ru.vklad.devstack.test.KeycloakTokens;
import ru.vklad.devstack.test.TestKafka;
import ru.vklad.devstack.test.VkApiDoubleResource;
import ru.vklad.devstack.vk.VkApiDouble;
import ru.vklad.events.Activity;
import ru.vklad.events.ActivityType;
import ru.vklad.events.BotMessage;
import ru.vklad.events.EarningRuleChanged;
import ru.vklad.events.LedgerEvent;
import ru.vklad.events.MemberChanged;
import ru.vklad.events.NotificationFailed;
import ru.vklad.events.Topics;
import ru.vklad.events.serde.NotificationFailedDeserializer;
import ru.vklad.notification.config.VkMessagingConfig;
import ru.vklad.notification.service.RandomIds;
import ru.vklad.notification.service.WeeklyDigest;
import ru.vklad.notification.vk.SendResult;
import ru.vklad.notification.vk.VkMessenger;

/**
 * Award messages sent through the official VK SDK to the local VK API double: delivered once, retried without
 * duplicates, stopped by missing permission, paced by the rate limit, parked after the last retry, halted by a
 * rejected token.
 */
@QuarkusTest
@WithTestResource(value = DevStackResource.class,
        initArgs = @ResourceArg(name = "database", value = "vklad_notification"))
@WithTestResource(VkApiDoubleResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VkDeliveryTest {

    private static final AtomicLong MEMBERS = new AtomicLong(81_000_000L + System.nanoTime() % 1_000_000 * 10);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    VkMessagingConfig config;

    @Inject
    WeeklyDigest weeklyDigest;

    VkApiDouble vk = VkApiDoubleResource.vk();

    @AfterEach
    void vkWorksNormallyAgain() {
        vk.requestsPerSecond(20);
    }

    @Test
    @Order(1)
    void anAllowedMemberGetsTheAwardMessageOnceThroughVk() {
        long member = allowedMember();
        LedgerEvent posted = award(member, 5, 125L, "за содержательный комментарий к посту «Итоги квартала»");
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), posted);
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), posted); // redelivery

        Map<String, Object> delivery = awaitStatus(member, "SENT");
        assertThat(vk.messagesTo(member)).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo(
                    "Спасибо! +5 баллов за содержательный комментарий к посту «Итоги квартала». Баланс: 125");
            assertThat(m.randomId()).isEqualTo(RandomIds.of("ledger:" + posted.eventId()));
            assertThat(m.groupId()).isEqualTo(229000001L);
            assertThat(((Number) delivery.get("vkMessageId")).longValue()).isEqualTo(m.messageId());
        });
        assertThat(delivery).containsEntry("attempts", 1);
    }

    @Test
    @Order(2)
    void vkRefusingPermissionMakesTheMemberUnreachableForGood() {
        long member = MEMBERS.incrementAndGet();
        allowInService(member); // the service believes it may write, VK knows better (901)
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), award(member, 1, 1L, "за отметку"));
        Map<String, Object> delivery = awaitStatus(member, "UNREACHABLE");
        assertThat((String) delivery.get("lastError")).contains("901");

        long callsBefore = vk.calls();
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), award(member, 1, 2L, "за отметку"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(statuses(member))
                .containsExactly("NOT_ALLOWED", "UNREACHABLE"));
        assertThat(vk.calls()).as("no call for a member known to be unreachable").isEqualTo(callsBefore);
        assertThat(vk.messagesTo(member)).isEmpty();
    }

    @Test
    @Order(3)
    void transientVkErrorsAreRetriedAndTheMessageArrivesOnce() {
        long member = allowedMember();
        vk.failNext(10, 1).failNext(9, 1);
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), award(member, 10, 40L, "за репост"));

        Map<String, Object> delivery = awaitStatus(member, "SENT");
        assertThat(delivery).containsEntry("attempts", 3);
        assertThat(vk.messagesTo(member)).hasSize(1);
    }

    @Test
    @Order(4)
    void aRetryAfterALostAnswerIsNotDeliveredTwice() {
        long member = allowedMember();
        LedgerEvent posted = award(member, 3, 3L, "за голос в опросе");
        // An earlier attempt reached VK but its answer was lost (timeout, crash): VK has the message already.
        SendResult first = new VkMessenger(config.vk()).send(member, RandomIds.of("ledger:" + posted.eventId()),
                "Спасибо! +3 балла за голос в опросе. Баланс: 3");
        assertThat(first).isInstanceOf(SendResult.Sent.class);

        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), posted);

        Map<String, Object> delivery = awaitStatus(member, "SENT");
        assertThat(vk.messagesTo(member)).singleElement().satisfies(m ->
                assertThat(m.messageId()).isEqualTo(((SendResult.Sent) first).messageId())
                        .isEqualTo(((Number) delivery.get("vkMessageId")).longValue()));
    }

    @Test
    @Order(5)
    void vkRateLimitErrorsAreRetriedUntilEveryMessageIsDeliveredOnce() {
        vk.requestsPerSecond(2); // VK allows less than the service's limiter assumes (20/s)
        long rateLimitedBefore = vk.rateLimitedCalls();
        List<Long> members = List.of(allowedMember(), allowedMember(), allowedMember(), allowedMember(),
                allowedMember(), allowedMember());
        members.forEach(m -> TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(m), award(m, 1, 1L, "за отметку")));

        members.forEach(m -> awaitStatus(m, "SENT"));
        assertThat(vk.rateLimitedCalls()).as("VK answered error 6 on the way").isGreaterThan(rateLimitedBefore);
        members.forEach(m -> assertThat(vk.messagesTo(m)).hasSize(1));
    }

    @Test
    @Order(6)
    void aNotificationFailingEveryAttemptGoesToTheDeadLetterTopic() {
        long member = allowedMember();
        vk.failNext(10, config.delivery().maxAttempts());
        LedgerEvent posted = award(member, 5, 5L, "за содержательный комментарий");
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), posted);

        Map<String, Object> delivery = awaitStatus(member, "FAILED");
        assertThat(delivery).containsEntry("attempts", config.delivery().maxAttempts());
        var parked = TestKafka.await(Topics.NOTIFICATION_DEAD_LETTERS, new NotificationFailedDeserializer(),
                r -> r.value().notificationId().equals("ledger:" + posted.eventId()), 1, Duration.ofSeconds(30));
        NotificationFailed failed = parked.get(0).value();
        assertThat(parked.get(0).key()).isEqualTo(String.valueOf(member));
        assertThat(failed.attempts()).isEqualTo(config.delivery().maxAttempts());
        assertThat(failed.lastError()).contains("10");
        assertThat(failed.randomId()).isEqualTo(RandomIds.of("ledger:" + posted.eventId()));
        assertThat(vk.messagesTo(member)).isEmpty();
    }

    @Test
    @Order(7)
    void likesWithinTheWindowArriveAsOneMessage() {
        long member = allowedMember();
        List<LedgerEvent> likes = new java.util.ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            likes.add(award(member, 1, 10L + i, "за отметку «Мне нравится» к посту 1201", "like"));
        }
        likes.forEach(like -> TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), like));

        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> assertThat(statuses(member))
                .containsExactlyInAnyOrder("SENT", "COALESCED", "COALESCED", "COALESCED", "COALESCED"));
        assertThat(vk.messagesTo(member)).singleElement().satisfies(m ->
                assertThat(m.text()).isEqualTo("Спасибо! +5 баллов за 5 отметок «Мне нравится». Баланс: 15"));
        Map<String, Object> leader = deliveries(member).stream().filter(d -> "SENT".equals(d.get("status")))
                .findFirst().orElseThrow();
        assertThat(leader).containsEntry("coalescedCount", 5);
        assertThat(deliveries(member)).filteredOn(d -> "COALESCED".equals(d.get("status")))
                .allSatisfy(d -> assertThat(d).containsEntry("coalescedInto", leader.get("notificationId")));
    }

    @Test
    @Order(8)
    void messagesDueInTheMembersNightWaitForTheirMorning() {
        long member = allowedMember();
        ZoneOffset night = VkApiDoubleResource.nightZone();
        TestKafka.send(Topics.MEMBERS, String.valueOf(member), new MemberChanged(member, "E-" + member,
                "Ночная Сова", "ИТ", "employees", night.getId(), true, "v1", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (var c = dataSource.getConnection(); var q = c.prepareStatement(
                    "SELECT 1 FROM member_zone WHERE vk_user_id = ?")) {
                q.setLong(1, member);
                return q.executeQuery().next();
            }
        });
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), award(member, 10, 10L, "за репост"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(statuses(member)).containsExactly("PENDING"));
        OffsetDateTime next = OffsetDateTime.parse((String) deliveries(member).get(0).get("nextAttemptAt"));
        OffsetDateTime morning = next.withOffsetSameInstant(night);
        assertThat(morning.toLocalTime()).isEqualTo(LocalTime.of(9, 0));
        assertThat(next).isAfter(OffsetDateTime.now()).isBefore(OffsetDateTime.now().plusHours(8));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() ->
                assertThat(vk.messagesTo(member)).isEmpty());
    }

    @Test
    @Order(100) // last: it halts all sending until the token works again
    void aRejectedTokenHaltsSendingAndRaisesTheAlertWithoutBurningAttempts() {
        long member = allowedMember();
        vk.revokeToken(VkApiDoubleResource.TOKEN);
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), award(member, 1, 1L, "за отметку"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().get("/q/metrics").then()
                .extract().asString()).contains("vklad_notify_vk_token_rejected 1.0"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Map<String, Object> delivery = deliveries(member).get(0);
            assertThat(delivery).containsEntry("status", "PENDING").containsEntry("attempts", 0);
            assertThat((String) delivery.get("lastError")).contains("5");
        });
        assertThat(vk.messagesTo(member)).isEmpty();

        // The token works again (re-enabled in VK): sending resumes by itself and the message goes out once.
        vk.acceptToken(VkApiDoubleResource.TOKEN, 229000001L);
        awaitStatus(member, "SENT");
        assertThat(vk.messagesTo(member)).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(given().get("/q/metrics").then()
                .extract().asString()).contains("vklad_notify_vk_token_rejected 0.0"));
    }

    @Test
    @Order(9)
    void theBotAnswersFromWhatTheLedgerAndTheRulesSaid() {
        long member = allowedMember();
        // A version of its own: the build's gateway publishes like:1 (no community caps) to the same topic.
        TestKafka.send(Topics.EARNING_RULES, "like:77", new EarningRuleChanged("like", 77, "Отметка «Мне нравится»",
                1, 1, 5, Instant.parse("2026-01-02T00:00:00Z"), "system", Instant.now(),
                new EarningRuleChanged.Limits(50, 200, 0), Map.of(229000002L, new EarningRuleChanged.Limits(5, 0, 0))));
        TestKafka.send(Topics.EARNING_RULES, "substantive_comment:1", new EarningRuleChanged("substantive_comment", 1,
                "Содержательный комментарий", 5, 5, 10, Instant.parse("2026-01-01T00:00:00Z"), "system", Instant.now(),
                new EarningRuleChanged.Limits(10, 40, 60)));
        TestKafka.send(Topics.EARNING_RULES, "contest_win:1", new EarningRuleChanged("contest_win", 1,
                "Победа в конкурсе", 200, 200, 200, Instant.parse("2026-01-01T00:00:00Z"), "system", Instant.now()));
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), award(member, 10, 10L, "за репост поста 1201"));
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member),
                award(member, 5, 15L, "за содержательный комментарий к посту 1201"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(vk.messagesTo(member)).hasSize(2));

        assertThat(ask(member, "Баланс", null)).isEqualTo("Ваш баланс: 15 баллов.");
        assertThat(ask(member, "История", "{\"command\":\"history\"}")).startsWith("Последние начисления:")
                .contains("+5 баллов — за содержательный комментарий к посту 1201")
                .contains("+10 баллов — за репост поста 1201");
        assertThat(ask(member, "правила?", null))
                .contains("Отметка «Мне нравится»: 1 балл (до 50 в день и 200 в неделю)")
                .contains("Содержательный комментарий: 5 баллов (до 10 в день и 40 в неделю, не чаще раза в 1 мин)")
                .contains("Победа в конкурсе: 200 баллов\n")
                .contains("Сверх лимитов баллы не начисляются");
        assertThat(askIn(229000002L, member, "правила", null))
                .contains("Отметка «Мне нравится»: 1 балл (до 5 в день)")
                .contains("Содержательный комментарий: 5 баллов (до 10 в день и 40 в неделю, не чаще раза в 1 мин)");
        assertThat(ask(member, "мой рейтинг", null)).contains("На этой неделе: ").contains("-е место из ")
                .contains("(15 баллов)");
        assertThat(ask(member, "Привет! Что ты умеешь?", null)).startsWith("Я бот программы «Вклад»");
        assertThat(vk.messagesTo(member).get(vk.messagesTo(member).size() - 1).keyboard())
                .contains("\"label\":\"Баланс\"").contains("{\\\"command\\\":\\\"balance\\\"}");
    }

    @Test
    @Order(10)
    void theBotAnswersARedeliveredMessageOnceAndWithinASecondOrSo() {
        long member = allowedMember();
        BotMessage question = new BotMessage("229000001:bot-" + member, 229000001L, member, "баланс", null,
                Instant.now());
        long asked = System.nanoTime();
        TestKafka.send(Topics.BOT_MESSAGES, String.valueOf(member), question);
        TestKafka.send(Topics.BOT_MESSAGES, String.valueOf(member), question);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(vk.messagesTo(member)).hasSize(1));
        Duration answeredIn = Duration.ofNanos(System.nanoTime() - asked);
        assertThat(vk.messagesTo(member).get(0).text()).startsWith("У вас пока нет баллов.");
        assertThat(answeredIn).isLessThan(Duration.ofSeconds(3));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() ->
                assertThat(vk.messagesTo(member)).hasSize(1));
    }

    @Test
    @Order(11)
    void theWeeklyDigestTellsEachMemberTheirWeekOnce() {
        long first = allowedMember();
        long second = allowedMember();
        LocalDate monday = LocalDate.of(2026, 11, 9);
        postedOn(first, monday.plusDays(1), 5, 5L);
        postedOn(first, monday.plusDays(5), 10, 15L);
        postedOn(first, monday.plusDays(6), 1, 16L);
        postedOn(second, monday.plusDays(6), 5, 5L);
        await().atMost(Duration.ofSeconds(30)).until(() -> entries(first) == 3 && entries(second) == 1);

        weeklyDigest.send(monday).await().indefinitely();
        weeklyDigest.send(monday).await().indefinitely(); // a rerun, or a second replica

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(digests(first)).containsExactly(
                    "Итоги недели 09.11 – 15.11: +16 баллов, 1-е место из 2. Серия: 2 дня подряд с баллами. "
                            + "Баланс: 16. Спасибо за ваш вклад!");
            assertThat(digests(second)).containsExactly(
                    "Итоги недели 09.11 – 15.11: +5 баллов, 2-е место из 2. Баланс: 5. Спасибо за ваш вклад!");
        });
    }

    @Test
    @Order(12)
    void anErasedMemberIsForgottenAndHearsNothingMore() throws Exception {
        long member = allowedMember();
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), award(member, 5, 5L, "за комментарий"));
        awaitStatus(member, "SENT");
        await().atMost(Duration.ofSeconds(30)).until(() -> entries(member) == 1);

        TestKafka.send(Topics.MEMBERS, String.valueOf(member), null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deliveries(member)).isEmpty());
        for (String table : new String[] {"recipient", "member_entry", "member_zone", "delivery_log"}) {
            try (var c = dataSource.getConnection();
                 var q = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE vk_user_id = ?")) {
                q.setLong(1, member);
                var rs = q.executeQuery();
                rs.next();
                assertThat(rs.getLong(1)).as(table).isZero();
            }
        }
        // Without the permission the erasure removed, a later event is not sent.
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), award(member, 3, 8L, "за отметку"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(vk.messagesTo(member)).hasSize(1));
    }

    private void postedOn(long member, LocalDate day, int points, long balance) {
        // Noon where the digest counts days (the tests' default zone follows the clock: see VkApiDoubleResource).
        Instant at = day.atTime(12, 0).atZone(config.quietHours().defaultZone()).toInstant();
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), new LedgerEvent("entry-week-" + member + "-"
                + day, LedgerEvent.Type.ENTRY_POSTED, "cmd", "key-" + member + day, 1L, member, points, balance,
                "за активность", at));
    }

    private List<String> digests(long member) {
        return vk.messagesTo(member).stream().map(VkApiDouble.SentMessage::text)
                .filter(text -> text.startsWith("Итоги недели")).toList();
    }

    private long entries(long member) throws Exception {
        try (var c = dataSource.getConnection();
             var q = c.prepareStatement("SELECT count(*) FROM member_entry WHERE vk_user_id = ?")) {
            q.setLong(1, member);
            var rs = q.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Writes to the community as the member and returns the bot's answer. */
    private String ask(long member, String text, String payload) {
        return askIn(229000001L, member, text, payload);
    }

    private String askIn(long community, long member, String text, String payload) {
        int before = vk.messagesTo(member).size();
        TestKafka.send(Topics.BOT_MESSAGES, String.valueOf(member), new BotMessage(community + ":" + member + "-"
                + System.nanoTime(), community, member, text, payload, Instant.now()));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(vk.messagesTo(member)).hasSize(before + 1));
        return vk.messagesTo(member).get(before).text();
    }

    private long allowedMember() {
        long member = MEMBERS.incrementAndGet();
        vk.allowMessages(member);
        allowInService(member);
        return member;
    }

    private static LedgerEvent award(long member, int points, Long balance, String reason) {
        return award(member, points, balance, reason, null);
    }

    private static LedgerEvent award(long member, int points, Long balance, String reason, String ruleId) {
        return new LedgerEvent("entry-vk-" + member + "-" + System.nanoTime(), LedgerEvent.Type.ENTRY_POSTED, "cmd",
                "key-" + member + "-" + points + "-" + balance, 42L, member, points, balance, reason, Instant.now(),
                ruleId);
    }

    private Map<String, Object> awaitStatus(long member, String status) {
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> assertThat(statuses(member)).containsExactly(status));
        return deliveries(member).get(0);
    }

    private List<String> statuses(long member) {
        return deliveries(member).stream().map(d -> (String) d.get("status")).toList();
    }

    private static List<Map<String, Object>> deliveries(long member) {
        return given().auth().oauth2(KeycloakTokens.accessToken("hr.admin", "demo-hr-admin"))
                .queryParam("vkUserId", member).get("/api/notifications/deliveries")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** The member allowed community messages, as VK told the activity service; then it is known here. */
    private void allowInService(long member) {
        TestKafka.send(Topics.ACTIVITIES, String.valueOf(member), new Activity("229000001:perm-" + member,
                229000001L, ActivityType.MESSAGES_ALLOWED, member, null, null, null, false, null, 0, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (var c = dataSource.getConnection(); var q = c.prepareStatement(
                    "SELECT 1 FROM recipient WHERE vk_user_id = ? AND messages_allowed")) {
                q.setLong(1, member);
                return q.executeQuery().next();
            }
        });
    }
}
