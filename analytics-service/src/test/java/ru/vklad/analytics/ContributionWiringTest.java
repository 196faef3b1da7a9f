package ru.vklad.analytics;

import static io.restassured.RestAssured.given;
import static ru.vklad.analytics.HrRequests.admin;
import static ru.vklad.analytics.HrRequests.hr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.analytics.persistence.ErasedMembers;
import ru.vklad.analytics.persistence.MemberDirectory;
import ru.vklad.analytics.persistence.WeeklyAwards;
import ru.vklad.analytics.service.IsoWeek;
import ru.vklad.devstack.test.DevStackResource;
import ru.vklad.devstack.test.TestKafka;
import ru.vklad.events.Activity;
import ru.vklad.events.ActivityType;
import ru.vklad.events.AwardCommand;
import ru.vklad.events.LedgerEvent;
import ru.vklad.events.MemberChanged;
import ru.vklad.events.Topics;
import ru.vklad.events.VkObject;
import ru.vklad.events.serde.AwardCommandDeserializer;

/**
 * Departments, ranks, the activity/manual split, erasure and the weekly award, through the real broker and database.
 * Each test works on days long past and names of its own, so the other tests' events do not mix in.
 */
@QuarkusTest
@WithTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "vklad_analytics"))
class ContributionWiringTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Scheduler scheduler;

    @Inject
    Pool pool;

    @Inject
    MemberDirectory directory;

    @Inject
    ErasedMembers erased;

    @Inject
    WeeklyAwards awards;

    @Test
    void theWeeklyAwardRunsOnMondayAtNineInTheCompanysZone() {
        Trigger job = scheduler.getScheduledJobs().stream()
                .filter(trigger -> trigger.getMethodDescription().endsWith("WeeklyAwardJob#lastWeek"))
                .findFirst().orElseThrow(() -> new AssertionError("no scheduled job runs the weekly award: "
                        + scheduler.getScheduledJobs().stream().map(Trigger::getMethodDescription).toList()));
        ZonedDateTime now = ZonedDateTime.now(MOSCOW);
        ZonedDateTime next = job.getNextFireTime().atZone(MOSCOW);
        assertThat(next.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(next.toLocalTime()).isEqualTo(LocalTime.of(9, 0));
        assertThat(next).isAfter(now).isBefore(now.plusWeeks(1).plusMinutes(1));
    }

    @Test
    void departmentsRanksAndTheActivityShareSurviveAnErasureWithTotalsIntact() throws Exception {
        long run = System.nanoTime() % 1_000_000;
        LocalDate day = LocalDate.of(2002, 1, 1).plusDays(run % 3000);
        String it = "ИТ " + run;
        String sales = "Продажи " + run;
        long anna = 62_000_000L + run;
        long boris = 63_000_000L + run;
        long vera = 64_000_000L + run;
        member(anna, it, true);
        member(boris, it, true);
        member(vera, sales, true);
        Instant noon = day.atTime(12, 0).atZone(MOSCOW).toInstant();
        posted("like-" + run, anna, 5, "like", noon);
        posted("idea-" + run, anna, 50, "approved_idea", noon);
        posted("repost-" + run, boris, 10, "repost", noon);
        posted("poll-" + run, vera, 3, "poll_vote", noon);

        await().atMost(WAIT).untilAsserted(() -> hr().queryParam("from", day.toString()).queryParam("to", day.toString())
                .get("/api/analytics/departments").then().statusCode(200)
                .body("departments.find { it.department == '" + it + "' }.members", equalTo(2))
                .body("departments.find { it.department == '" + it + "' }.activeMembers", equalTo(2))
                .body("departments.find { it.department == '" + it + "' }.points", equalTo(65))
                .body("departments.find { it.department == '" + it + "' }.activityPoints", equalTo(15))
                .body("departments.find { it.department == '" + it + "' }.participationRate", equalTo(1.0f))
                .body("departments.find { it.department == '" + it + "' }.pointsPerCapita", equalTo(32.5f))
                .body("departments.find { it.department == '" + sales + "' }.points", equalTo(3)));
        hr().queryParam("from", day.toString()).queryParam("to", day.toString()).queryParam("department", it)
                .get("/api/analytics/leaderboard").then().statusCode(200)
                .body("rows.vkUserId", contains((int) anna, (int) boris)).body("rows.rank", contains(1, 2));
        hr().queryParam("from", day.toString()).queryParam("to", day.toString()).queryParam("department", it)
                .get("/api/analytics/leaderboard/members/" + boris).then().statusCode(200)
                .body("place", equalTo(2)).body("of", equalTo(2)).body("points", equalTo(10));
        hr().queryParam("from", day.toString()).queryParam("to", day.toString())
                .get("/api/analytics/leaderboard/members/" + (boris + 1)).then().statusCode(404);
        hr().queryParam("from", day.toString()).queryParam("to", day.toString())
                .get("/api/analytics/members/" + anna + "/points").then().statusCode(200)
                .body("points", equalTo(55)).body("days[0].activityPoints", equalTo(5))
                .body("trend.activityPoints", equalTo(5)).body("trend.activeDays", equalTo(1))
                .body("trend.currentStreak", equalTo(1)).body("trend.weeks[0].points", equalTo(55));

        TestKafka.send(Topics.MEMBERS, String.valueOf(anna), null); // erasure
        await().atMost(WAIT).untilAsserted(() -> hr().queryParam("from", day.toString())
                .queryParam("to", day.toString()).get("/api/analytics/members/" + anna + "/points").then()
                .statusCode(200).body("points", equalTo(0)));
        hr().queryParam("from", day.toString()).queryParam("to", day.toString()).get("/api/analytics/departments")
                .then().statusCode(200)
                .body("departments.find { it.department == '" + it + "' }.members", equalTo(1))
                .body("departments.find { it.department == '" + it + "' }.activeMembers", equalTo(1))
                .body("departments.find { it.department == '" + it + "' }.participationRate", equalTo(1.0f))
                .body("departments.find { it.department == '" + it + "' }.points", equalTo(65))
                .body("departments.find { it.department == '" + it + "' }.pointsPerCapita", equalTo(65.0f));
        hr().queryParam("from", day.toString()).queryParam("to", day.toString()).queryParam("department", it)
                .get("/api/analytics/leaderboard").then().statusCode(200)
                .body("rows.vkUserId", contains((int) boris));

        // Her events of before the erasure that come late, or again in a rebuild from the topics, are counted for the
        // department under her anonymous id, never under her own; an event after it is someone new's (re-registered).
        posted("late-" + run, anna, 7, "like", noon);
        TestKafka.send(Topics.ACTIVITIES, String.valueOf(anna), new Activity("late-like-" + run, 229_000_001L,
                ActivityType.LIKE_ADDED, anna, new VkObject("post", -229_000_001L, 700_000 + run, null), null, null,
                false, null, 0, noon, "employees"));
        LocalDate later = LocalDate.now(MOSCOW).plusDays(1);
        posted("after-" + run, anna, 1, "like", later.atTime(12, 0).atZone(MOSCOW).toInstant());
        await().atMost(WAIT).untilAsserted(() -> hr().queryParam("from", day.toString())
                .queryParam("to", day.toString()).queryParam("department", it).get("/api/analytics/actions")
                .then().statusCode(200).body("actions.find { it.action == 'like' }.count", equalTo(1)));
        await().atMost(WAIT).untilAsserted(() -> hr().queryParam("from", later.toString())
                .queryParam("to", later.toString()).get("/api/analytics/members/" + anna + "/points").then()
                .statusCode(200).body("points", equalTo(1)));
        hr().queryParam("from", day.toString()).queryParam("to", day.toString()).get("/api/analytics/departments")
                .then().statusCode(200)
                .body("departments.find { it.department == '" + it + "' }.points", equalTo(72))
                .body("departments.find { it.department == '" + it + "' }.activityPoints", equalTo(22));
        hr().queryParam("from", day.toString()).queryParam("to", day.toString())
                .get("/api/analytics/members/" + anna + "/points").then().statusCode(200).body("points", equalTo(0));
        assertThat(rows("SELECT 1 FROM member_actions_daily WHERE vk_user_id = ?", anna)).isFalse();
        assertThat(rows("SELECT 1 FROM post_engager WHERE vk_user_id = ?", anna)).isFalse();
        assertThat(rows("SELECT 1 FROM member_points_daily WHERE vk_user_id = ? AND day < CURRENT_DATE", anna))
                .isFalse();
    }

    @Test
    void theWeeksMostActiveGetsOneAwardAndCannotWinAgainSoon() {
        long run = System.nanoTime() % 1_000_000;
        IsoWeek first = IsoWeek.of(LocalDate.of(2004, 1, 5).plusWeeks(run % 500));
        IsoWeek second = IsoWeek.of(first.monday().plusWeeks(1));
        long xenia = 65_000_000L + run;
        long yuri = 66_000_000L + run;
        long zoya = 67_000_000L + run;
        member(xenia, "Склад " + run, true);
        member(yuri, "Склад " + run, true);
        member(zoya, "Склад " + run, false);
        Instant firstTuesday = first.monday().plusDays(1).atTime(12, 0).atZone(MOSCOW).toInstant();
        Instant secondTuesday = second.monday().plusDays(1).atTime(12, 0).atZone(MOSCOW).toInstant();
        posted("x1-" + run, xenia, 30, "like", firstTuesday);
        posted("y1-" + run, yuri, 10, "repost", firstTuesday);
        posted("x2-" + run, xenia, 40, "substantive_comment", secondTuesday);
        posted("x2m-" + run, yuri, 500, "contest_win", secondTuesday); // manual: does not count
        posted("y2-" + run, yuri, 20, "poll_vote", secondTuesday);
        posted("z2-" + run, zoya, 100, "like", secondTuesday); // no consent: cannot win
        // Each member's events arrive on its own partition: wait for every one of them, or a week's leader may lag.
        await().atMost(WAIT).until(() -> rows("SELECT 1 FROM member_points_daily WHERE vk_user_id = ? AND points > 0",
                zoya) && days("SELECT count(*) FROM member_points_daily WHERE vk_user_id = ?", xenia) == 2
                && days("SELECT count(*) FROM member_points_daily WHERE vk_user_id = ?", yuri) == 2
                && rows("SELECT 1 FROM member_points_daily WHERE vk_user_id = ? AND points >= 520", yuri));

        for (int attempt = 0; attempt < 2; attempt++) {
            admin().post("/api/analytics/weekly-award/" + first).then().statusCode(200)
                    .body("vkUserId", equalTo((int) xenia)).body("activityPoints", equalTo(30))
                    .body("awardPoints", equalTo(500)).body("sent", equalTo(true));
        }
        admin().post("/api/analytics/weekly-award/" + second).then().statusCode(200)
                .body("vkUserId", equalTo((int) yuri)).body("activityPoints", equalTo(20));
        hr().get("/api/analytics/weekly-award/" + second).then().statusCode(200).body("vkUserId", equalTo((int) yuri));

        String key = "weekly_most_active:" + first;
        List<ConsumerRecord<String, AwardCommand>> sent = TestKafka.collect(Topics.AWARD_COMMANDS,
                new AwardCommandDeserializer(), r -> key.equals(r.value().idempotencyKey()), Duration.ofSeconds(4));
        assertThat(sent).isNotEmpty().allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(String.valueOf(xenia));
            assertThat(r.value().points()).isEqualTo(500);
            assertThat(r.value().ruleId()).isEqualTo("weekly_most_active");
            assertThat(r.value().commandId()).isEqualTo("weekly-most-active-" + first);
        });
        // The week is recorded once: the second call found the winner and did not send again.
        assertThat(sent).hasSize(1);
    }

    @Test
    void aWeekIsClaimedOnlyForAConsentingMemberAndNoAwardGoesToAWinnerErasedBeforeItWentOut() {
        long run = System.nanoTime() % 1_000_000;
        IsoWeek week = IsoWeek.of(LocalDate.of(1990, 1, 1).plusWeeks(run % 400));
        long stranger = 63_000_000L + run;
        assertThat(awards.claim(new WeeklyAwards.Award(week, stranger, 10, 1, 500, false)).await().atMost(WAIT))
                .as("not in the directory (erased since the pick, say): the week stays open").isEmpty();
        assertThat(awards.find(week).await().atMost(WAIT)).isEmpty();

        long winner = 64_000_000L + run;
        member(winner, "Склад " + run, true);
        assertThat(awards.claim(new WeeklyAwards.Award(week, winner, 10, 1, 500, false)).await().atMost(WAIT))
                .hasValueSatisfying(award -> assertThat(award.vkUserId()).isEqualTo(winner));
        // Erased after the claim, before the award went out: nothing is sent, now or later, under the anonymous id.
        directory.erase(winner).await().atMost(WAIT);
        assertThat(awards.unsent().await().atMost(WAIT)).noneMatch(award -> award.week().equals(week));
        admin().post("/api/analytics/weekly-award/" + week).then().statusCode(200).body("sent", equalTo(false))
                .body("vkUserId", org.hamcrest.Matchers.lessThan(0));
        String key = "weekly_most_active:" + week;
        assertThat(TestKafka.collect(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> key.equals(r.value().idempotencyKey()), Duration.ofSeconds(3))).isEmpty();
    }

    @Test
    void weeklyAwardsAreForHrAndOnlyForWeeksThatAreOver() {
        IsoWeek thisWeek = IsoWeek.of(LocalDate.now(MOSCOW));
        admin().post("/api/analytics/weekly-award/" + thisWeek).then().statusCode(400);
        admin().post("/api/analytics/weekly-award/last-week").then().statusCode(400);
        hr().post("/api/analytics/weekly-award/2001-W02").then().statusCode(403);
        hr().get("/api/analytics/weekly-award/1999-W02").then().statusCode(404);
        admin().post("/api/analytics/weekly-award/1999-W02").then().statusCode(204);
        given().get("/api/analytics/departments?from=2026-01-01&to=2026-01-02").then().statusCode(401);
    }

    private void member(long vkUserId, String department, boolean consent) {
        TestKafka.send(Topics.MEMBERS, String.valueOf(vkUserId), new MemberChanged(vkUserId, "E-" + vkUserId,
                "Тест Тестов", department, "employees", "Europe/Moscow", consent, consent ? "v1" : null, Instant.now()));
        await().atMost(WAIT).until(() -> rows("SELECT 1 FROM member_directory WHERE vk_user_id = ?", vkUserId));
    }

    private static void posted(String id, long member, long points, String rule, Instant at) {
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), new LedgerEvent("entry-" + id,
                LedgerEvent.Type.ENTRY_POSTED, "cmd-" + id, "key-" + id, 1L, member, points, points, "+" + points, at,
                rule, "award", 0, null));
    }

    @Test
    void anErasureWaitsForThePollInFlightAndMovesWhatItWrote() throws Exception {
        long vkUserId = 870_000_000L + System.nanoTime() % 1_000_000;
        LocalDate day = LocalDate.of(2001, 6, 1);
        String department = "Склад " + vkUserId;
        directory.changed(vkUserId, department, "employees", true, Instant.now()).await().atMost(WAIT);

        // A poll of this member's activities is in flight: it looked them up (not erased) and wrote under their id.
        SqlConnection poll = pool.getConnection().await().atMost(WAIT);
        CompletableFuture<Void> erasure;
        try {
            Transaction transaction = poll.begin().await().atMost(WAIT);
            long countedAs = erased.among(poll, List.of(vkUserId)).await().atMost(WAIT).idOf(vkUserId, day);
            assertThat(countedAs).isEqualTo(vkUserId);
            poll.preparedQuery("""
                            INSERT INTO member_actions_daily (vk_user_id, day, action, department, count)
                            VALUES ($1, $2, 'like', $3, 1)""")
                    .execute(Tuple.of(countedAs, day, department)).await().atMost(WAIT);

            erasure = directory.erase(vkUserId).subscribeAsCompletionStage();
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> !erasure.isDone());
            transaction.commit().await().atMost(WAIT);
        } finally {
            poll.closeAndAwait();
        }
        erasure.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(rows("SELECT 1 FROM member_actions_daily WHERE vk_user_id = ?", vkUserId)).isFalse();
        assertThat(rows("SELECT 1 FROM member_directory WHERE vk_user_id = ?", vkUserId)).isFalse();
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("""
                SELECT vk_user_id, count FROM member_actions_daily WHERE day = ? AND department = ?""")) {
            q.setObject(1, day);
            q.setString(2, department);
            ResultSet moved = q.executeQuery();
            assertThat(moved.next()).isTrue();
            assertThat(moved.getLong("vk_user_id")).isNegative();
            assertThat(moved.getInt("count")).isEqualTo(1);
            assertThat(moved.next()).isFalse();
        }
    }

    private long days(String sql, long vkUserId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setLong(1, vkUserId);
            ResultSet result = q.executeQuery();
            result.next();
            return result.getLong(1);
        }
    }

    private boolean rows(String sql, long vkUserId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setLong(1, vkUserId);
            return q.executeQuery().next();
        }
    }
}
