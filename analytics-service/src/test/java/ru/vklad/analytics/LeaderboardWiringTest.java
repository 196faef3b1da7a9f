package ru.vklad.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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
import ru.vklad.events.LedgerEvent;
import ru.vklad.events.Topics;

/** Ledger events through the real broker into the leaderboard; a redelivered event never counts twice. */
@QuarkusTest
@WithTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "vklad_analytics"))
class LeaderboardWiringTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void postedPointsReachTheLeaderboardOnceEach() {
        // A day of its own, far in the past, so other tests' events do not mix in.
        LocalDate day = LocalDate.of(2001, 1, 1).plusDays(System.nanoTime() % 3000);
        Instant noon = day.atTime(12, 0).atZone(MOSCOW).toInstant();
        long alice = 61_000_001L;
        long bob = 61_000_002L;
        String run = String.valueOf(System.nanoTime());
        LedgerEvent a1 = posted("entry-a1-" + run, alice, 5, noon);
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(alice), a1);
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(alice), a1); // redelivery
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(alice), posted("entry-a2-" + run, alice, 10, noon));
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(bob), posted("entry-b1-" + run, bob, 15, noon));
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(bob), new LedgerEvent("dup-" + run,
                LedgerEvent.Type.COMMAND_DUPLICATE, "c", "k", 1L, bob, 15, 15L, "повтор", noon));

        String token = KeycloakTokens.accessToken("hr.analyst", "demo-hr-analyst");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> rows = given().auth().oauth2(token)
                    .queryParam("from", day.toString()).queryParam("to", day.toString())
                    .get("/api/analytics/leaderboard")
                    .then().statusCode(200).extract().jsonPath().getList("rows");
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0)).containsEntry("rank", 1).containsEntry("vkUserId", (int) alice)
                    .containsEntry("points", 15);
            assertThat(rows.get(1)).containsEntry("rank", 1).containsEntry("vkUserId", (int) bob)
                    .containsEntry("points", 15);
        });
        given().auth().oauth2(token).queryParam("from", day.minusDays(1).toString()).queryParam("to", day.toString())
                .get("/api/analytics/members/" + alice + "/points").then().statusCode(200)
                .body("points", org.hamcrest.Matchers.equalTo(15)).body("entries", org.hamcrest.Matchers.equalTo(2))
                .body("days.day", org.hamcrest.Matchers.contains(day.toString()));
        given().auth().oauth2(token).queryParam("from", day.toString()).queryParam("to", day.minusDays(1).toString())
                .get("/api/analytics/members/" + alice + "/points").then().statusCode(400);
    }

    @Test
    void wholeWeeksAndMonthsReadFromTheRollupsAgreeWithTheDays() throws Exception {
        // Sixty days of their own, long ago, one member earning day i of them i + 1 points (a reversal on day 10).
        LocalDate first = LocalDate.of(1700, 1, 1).plusDays(70 * (System.nanoTime() % 1000));
        long member = 62_000_000L + System.nanoTime() % 1_000_000;
        String run = String.valueOf(System.nanoTime());
        for (int i = 0; i < 60; i++) {
            Instant at = first.plusDays(i).atTime(10, 0).atZone(MOSCOW).toInstant();
            TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), posted("roll-" + run + "-" + i, member, i + 1, at));
        }
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), posted("roll-" + run + "-r", member, -4,
                first.plusDays(10).atTime(11, 0).atZone(MOSCOW).toInstant()));
        String token = KeycloakTokens.accessToken("hr.analyst", "demo-hr-analyst");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(points(token, member, first,
                first.plusDays(59))).isEqualTo(60L * 61 / 2 - 4));

        for (int[] range : new int[][] {{0, 59}, {3, 47}, {10, 10}, {5, 40}, {14, 44}, {0, 6}, {29, 59}}) {
            LocalDate from = first.plusDays(range[0]);
            LocalDate to = first.plusDays(range[1]);
            long expected = 0;
            for (int i = range[0]; i <= range[1]; i++) {
                expected += i + 1 - (i == 10 ? 4 : 0);
            }
            assertThat(points(token, member, from, to)).as("%s..%s", from, to).isEqualTo(expected);
            given().auth().oauth2(token).queryParam("from", from.toString()).queryParam("to", to.toString())
                    .get("/api/analytics/leaderboard/members/" + member).then().statusCode(200)
                    .body("points", org.hamcrest.Matchers.equalTo((int) expected));
        }
        // Every week's and month's row is the sum of its days.
        try (var c = dataSource.getConnection(); var q = c.prepareStatement("""
                SELECT (SELECT coalesce(SUM(points), 0) FROM member_points_weekly WHERE vk_user_id = ?),
                       (SELECT coalesce(SUM(points), 0) FROM member_points_monthly WHERE vk_user_id = ?),
                       (SELECT count(*) FROM member_points_weekly w WHERE vk_user_id = ? AND points <> (
                            SELECT SUM(points) FROM member_points_daily d WHERE d.vk_user_id = w.vk_user_id
                            AND date_trunc('week', d.day) = w.week))""")) {
            q.setLong(1, member);
            q.setLong(2, member);
            q.setLong(3, member);
            var rs = q.executeQuery();
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(60L * 61 / 2 - 4);
            assertThat(rs.getLong(2)).isEqualTo(60L * 61 / 2 - 4);
            assertThat(rs.getLong(3)).isZero();
        }
    }

    private static long points(String token, long member, LocalDate from, LocalDate to) {
        List<Map<String, Object>> rows = given().auth().oauth2(token).queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/api/analytics/leaderboard").then().statusCode(200)
                .extract().jsonPath().getList("rows");
        return rows.stream().filter(row -> ((Number) row.get("vkUserId")).longValue() == member)
                .mapToLong(row -> ((Number) row.get("points")).longValue()).sum();
    }

    @Test
    void leaderboardNeedsARoleAndAValidPeriod() {
        given().queryParam("from", "2026-01-01").queryParam("to", "2026-01-07")
                .get("/api/analytics/leaderboard").then().statusCode(401);
        given().auth().oauth2(KeycloakTokens.accessToken("employee", "demo-employee"))
                .queryParam("from", "2026-01-01").queryParam("to", "2026-01-07")
                .get("/api/analytics/leaderboard").then().statusCode(403);
        given().auth().oauth2(KeycloakTokens.accessToken("hr.admin", "demo-hr-admin"))
                .queryParam("from", "2026-01-07").queryParam("to", "2026-01-01")
                .get("/api/analytics/leaderboard").then().statusCode(400);
    }

    @Test
    void anEmployeeSeesOnlyTheirOwnPointsActionsAndPlace() {
        // The demo employee's token carries vk_user_id 51200901.
        var employee = given().auth().oauth2(KeycloakTokens.accessToken("employee", "demo-employee"))
                .queryParam("from", "2026-01-01").queryParam("to", "2026-01-07");
        employee.get("/api/analytics/members/51200901/points").then().statusCode(200);
        employee.get("/api/analytics/members/51200901/actions").then().statusCode(200);
        employee.get("/api/analytics/members/51200902/points").then().statusCode(403);
        employee.get("/api/analytics/members/51200902/actions").then().statusCode(403);
        employee.get("/api/analytics/leaderboard/members/51200902").then().statusCode(403);
        employee.get("/api/analytics/departments").then().statusCode(403);
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        ServiceContract.assertOperable("Vklad analytics");
    }

    @Test
    void theGatewaysCopyOfThisApiIsCurrent() {
        OpenApiSnapshot.assertGatewayCopyIsCurrent("analytics");
    }

    @Test
    void flywayMigratedTheServiceDatabase() {
        ServiceContract.assertFlywayMigrated(dataSource, "vklad_analytics");
    }

    private static LedgerEvent posted(String eventId, long member, long points, Instant at) {
        return new LedgerEvent(eventId, LedgerEvent.Type.ENTRY_POSTED, "cmd-" + eventId, "key-" + eventId, 1L,
                member, points, points, "+" + points, at);
    }
}
