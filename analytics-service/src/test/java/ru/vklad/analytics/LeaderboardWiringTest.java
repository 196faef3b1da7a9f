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
import ru.vklad.analytics.persistence.DailyPointsMirror;
import ru.vklad.analytics.persistence.PointsReadModel;
import ru.vklad.analytics.persistence.PointsRollups;
import ru.vklad.analytics.service.DailyPointsIndex;
import ru.vklad.analytics.service.Period;
import ru.vklad.analytics.service.Rankings;
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

    @Inject
    DailyPointsMirror mirror;

    @Inject
    PointsReadModel tables;

    @Inject
    PointsRollups rollups;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @Inject
    ru.vklad.analytics.config.AnalyticsConfig config;

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
        // Seventy-five days of their own, long ago, one member earning day i of them i + 1 points (and losing 4 to a
        // reversal on day 10).
        int days = 75;
        LocalDate first = LocalDate.of(1700, 1, 1).plusDays(80 * (System.nanoTime() % 1000));
        long member = 62_000_000L + System.nanoTime() % 1_000_000;
        String department = "Склад " + member;
        TestKafka.send(Topics.MEMBERS, String.valueOf(member), new ru.vklad.events.MemberChanged(member, "E-" + member,
                "Тест Тестов", department, "employees", "Europe/Moscow", true, "v1", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM member_directory WHERE vk_user_id = "
                + member) == 1);
        String run = String.valueOf(System.nanoTime());
        for (int i = 0; i < days; i++) {
            Instant at = first.plusDays(i).atTime(10, 0).atZone(MOSCOW).toInstant();
            TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), posted("roll-" + run + "-" + i, member, i + 1, at));
        }
        TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), posted("roll-" + run + "-r", member, -4,
                first.plusDays(10).atTime(11, 0).atZone(MOSCOW).toInstant()));
        long total = (long) days * (days + 1) / 2 - 4;
        // Two replicas fold at once, again and again, while the events arrive: each change is folded once.
        PointsRollups otherReplica = new PointsRollups(pool, config,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            io.smallrye.mutiny.Uni.combine().all().unis(rollups.fold(), otherReplica.fold()).asTuple().await()
                    .indefinitely();
            assertThat(count("SELECT coalesce(SUM(points), 0) FROM member_points_daily WHERE vk_user_id = " + member))
                    .isEqualTo(total);
        });
        String token = KeycloakTokens.accessToken("hr.analyst", "demo-hr-analyst");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(points(token, member, first,
                first.plusDays(days - 1), null)).isEqualTo(total));

        LocalDate monday = first.with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY));
        LocalDate month = first.with(java.time.temporal.TemporalAdjusters.firstDayOfNextMonth());
        List<LocalDate[]> ranges = new java.util.ArrayList<>(List.of(
                new LocalDate[] {monday, monday.plusDays(6)},
                new LocalDate[] {month, month.with(java.time.temporal.TemporalAdjusters.lastDayOfMonth())},
                new LocalDate[] {first, first.plusDays(days - 1)}, new LocalDate[] {first.plusDays(3), first.plusDays(47)},
                new LocalDate[] {first.plusDays(10), first.plusDays(10)}, new LocalDate[] {monday, month.plusDays(20)}));
        for (LocalDate[] range : ranges) {
            long expected = 0;
            for (LocalDate day = range[0]; !day.isAfter(range[1]); day = day.plusDays(1)) {
                int i = (int) (day.toEpochDay() - first.toEpochDay());
                expected += i + 1 - (i == 10 ? 4 : 0);
            }
            assertThat(points(token, member, range[0], range[1], null)).as("%s..%s", range[0], range[1])
                    .isEqualTo(expected);
            assertThat(points(token, member, range[0], range[1], department)).as("%s..%s in the department",
                    range[0], range[1]).isEqualTo(expected);
            given().auth().oauth2(token).queryParam("from", range[0].toString()).queryParam("to", range[1].toString())
                    .get("/api/analytics/leaderboard/members/" + member).then().statusCode(200)
                    .body("points", org.hamcrest.Matchers.equalTo((int) expected));
            given().auth().oauth2(token).queryParam("from", range[0].toString()).queryParam("to", range[1].toString())
                    .queryParam("department", department)
                    .get("/api/analytics/leaderboard/members/" + member).then().statusCode(200)
                    .body("points", org.hamcrest.Matchers.equalTo((int) expected))
                    .body("place", org.hamcrest.Matchers.equalTo(1)).body("of", org.hamcrest.Matchers.equalTo(1));
        }
        // Every week's and month's row is the sum of its days once the changes are folded in (the rankings above
        // folded first; a fold now finds nothing more).
        rollups.fold().await().indefinitely();
        assertThat(count("SELECT SUM(points) FROM member_points_weekly WHERE vk_user_id = " + member)).isEqualTo(total);
        assertThat(count("SELECT SUM(points) FROM member_points_monthly WHERE vk_user_id = " + member)).isEqualTo(total);
        assertThat(count("SELECT SUM(points) FROM department_points_monthly WHERE vk_user_id = " + member))
                .isEqualTo(total);
        assertThat(count("SELECT SUM(points) FROM department_points_weekly WHERE vk_user_id = " + member))
                .isEqualTo(total);
        assertThat(count("""
                SELECT count(*) FROM member_points_weekly w WHERE vk_user_id = %d AND points <> (
                    SELECT SUM(points) FROM member_points_daily d WHERE d.vk_user_id = w.vk_user_id
                    AND date_trunc('week', d.day) = w.week)""".formatted(member))).isZero();
    }

    @Test
    void theTopOfAnyRangeIsTheTopOfEveryMembersSum() {
        // Forty days of their own, long ago; twelve members earning seeded random points, some days taken back, so
        // ranges cut into weeks and days are ranked from the top of each piece and must equal the plain sums.
        LocalDate first = LocalDate.of(1400, 1, 1).plusDays(50 * (System.nanoTime() % 1000));
        long base = 63_000_000L + 100 * (System.nanoTime() % 10_000);
        long[][] points = postRandomPoints(base, 12, first, 40);
        String token = KeycloakTokens.accessToken("hr.analyst", "demo-hr-analyst");
        List<int[]> ranges = List.of(new int[] {0, 39}, new int[] {3, 17}, new int[] {5, 5}, new int[] {1, 30});
        for (int[] range : ranges) {
            for (int limit : new int[] {1, 3, 20}) {
                List<String> expected = java.util.stream.IntStream.range(0, points.length).boxed()
                        .map(m -> new long[] {base + m, java.util.Arrays.stream(points[m], range[0], range[1] + 1).sum()})
                        .filter(s -> java.util.Arrays.stream(points[(int) (s[0] - base)], range[0], range[1] + 1)
                                .anyMatch(p -> p != 0))
                        .sorted(java.util.Comparator.<long[]>comparingLong(s -> -s[1]).thenComparingLong(s -> s[0]))
                        .limit(limit).map(s -> s[0] + ":" + s[1]).toList();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    List<Map<String, Object>> rows = given().auth().oauth2(token)
                            .queryParam("from", first.plusDays(range[0]).toString())
                            .queryParam("to", first.plusDays(range[1]).toString()).queryParam("limit", limit)
                            .get("/api/analytics/leaderboard").then().statusCode(200).extract().jsonPath()
                            .getList("rows");
                    assertThat(rows).extracting(row -> row.get("vkUserId") + ":" + row.get("points"))
                            .as("days %d..%d, top %d", range[0], range[1], limit).isEqualTo(expected);
                });
            }
        }
    }

    @Test
    void recentRangesRankTheSameFromMemoryAsFromTheTablesAndAnErasureLeavesBoth() throws Exception {
        // Fifteen members of a department of their own earning seeded random points over the last fifty days (some
        // taken back): the in-memory copy holds these days, the tables' rollups answer them too.
        LocalDate today = LocalDate.now(MOSCOW);
        LocalDate first = today.minusDays(49);
        long base = 64_000_000L + 100 * (System.nanoTime() % 10_000);
        String department = "Лаборатория " + base;
        for (int m = 0; m < 15; m++) {
            long member = base + m;
            TestKafka.send(Topics.MEMBERS, String.valueOf(member), new ru.vklad.events.MemberChanged(member,
                    "E-" + member, "Тест Тестов", department, "employees", "Europe/Moscow", true, "v1", Instant.now()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM member_directory WHERE "
                + "department = '" + department + "'") == 15);
        long[][] points = postRandomPoints(base, 15, first, 50);
        Period all = new Period(first, today);
        // Every member's events consumed (their partitions are drained independently).
        List<String> totals = java.util.stream.IntStream.range(0, points.length)
                .mapToObj(m -> (base + m) + ":" + java.util.Arrays.stream(points[m]).sum()).sorted().toList();
        String token = KeycloakTokens.accessToken("hr.analyst", "demo-hr-analyst");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().auth().oauth2(token)
                .queryParam("from", first.toString()).queryParam("to", today.toString())
                .queryParam("department", department).queryParam("limit", 20)
                .get("/api/analytics/leaderboard").then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("rows").stream()
                .map(row -> row.get("vkUserId") + ":" + row.get("points")).sorted().toList()).isEqualTo(totals));
        await().atMost(Duration.ofSeconds(30)).until(() -> mirror.current(all).await().indefinitely().isPresent());
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics.lines().filter(line -> line.startsWith("vklad_analytics_ranking_member_days"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).max().orElse(0))
                .as("member days held in memory").isGreaterThanOrEqualTo(15);

        List<int[]> ranges = List.of(new int[] {0, 49}, new int[] {3, 47}, new int[] {10, 10}, new int[] {5, 36},
                new int[] {20, 49});
        for (int[] range : ranges) {
            Period period = new Period(first.plusDays(range[0]), first.plusDays(range[1]));
            DailyPointsIndex index = mirror.current(period).await().indefinitely().orElseThrow();
            List<Rankings.Score> expected = java.util.stream.IntStream.range(0, points.length).boxed()
                    .filter(m -> java.util.Arrays.stream(points[m], range[0], range[1] + 1).anyMatch(p -> p != 0))
                    .map(m -> new Rankings.Score(base + m,
                            java.util.Arrays.stream(points[m], range[0], range[1] + 1).sum()))
                    .sorted(java.util.Comparator.comparingLong(Rankings.Score::points).reversed()
                            .thenComparingLong(Rankings.Score::vkUserId))
                    .toList();
            for (int limit : new int[] {1, 4, 20}) {
                List<Rankings.Score> top = expected.subList(0, Math.min(limit, expected.size()));
                assertThat(index.top(period, department, limit)).as("%s in memory, top %d", period, limit)
                        .isEqualTo(top);
                assertThat(tables.topScores(period, department, limit).await().indefinitely())
                        .as("%s from the tables, top %d", period, limit).isEqualTo(top);
            }
            for (int m = 0; m < points.length; m++) {
                long member = base + m;
                assertThat(index.place(member, period, department)).as("%s place of %d", period, member)
                        .isEqualTo(tables.place(member, period, department).await().indefinitely());
            }
            // Overall the other tests' members rank too; both ways must still agree.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                DailyPointsIndex now = mirror.current(period).await().indefinitely().orElseThrow();
                assertThat(now.top(period, null, 30)).isEqualTo(tables.topScores(period, null, 30).await()
                        .indefinitely());
                assertThat(now.place(base, period, null)).isEqualTo(tables.place(base, period, null).await()
                        .indefinitely());
            });
        }

        // A replica starting now loads the days in one read (not change by change) and ranks the same.
        DailyPointsMirror starting = new DailyPointsMirror(pool, config,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        starting.catchUp().await().indefinitely();
        DailyPointsIndex loaded = starting.current(all).await().indefinitely().orElseThrow();
        assertThat(loaded.size()).isGreaterThanOrEqualTo(java.util.Arrays.stream(points).flatMapToLong(
                java.util.Arrays::stream).filter(p -> p != 0).count());
        for (long member = base; member < base + 15; member++) {
            assertThat(loaded.place(member, all, department)).isEqualTo(tables.place(member, all, department).await()
                    .indefinitely());
        }
        assertThat(loaded.top(all, department, 20)).isEqualTo(tables.topScores(all, department, 20).await()
                .indefinitely());

        // An erasure moves the member's days to an anonymous id: neither way ranks them any more.
        TestKafka.send(Topics.MEMBERS, String.valueOf(base), null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token)
                .queryParam("from", first.toString()).queryParam("to", today.toString())
                .queryParam("department", department)
                .get("/api/analytics/leaderboard/members/" + base).then().statusCode(404));
        // The log of changed member days no longer names them; the copy reloaded instead.
        assertThat(count("SELECT count(*) FROM points_change WHERE " + base + " = ANY(members)")).isZero();
        // Nor do the rollups, however the fold and the erasure met.
        rollups.fold().await().indefinitely();
        for (String rollup : List.of("member_points_weekly", "member_points_monthly", "department_points_weekly",
                "department_points_monthly")) {
            assertThat(count("SELECT count(*) FROM " + rollup + " WHERE vk_user_id = " + base)).as(rollup).isZero();
        }
        DailyPointsIndex erased = mirror.current(all).await().indefinitely().orElseThrow();
        assertThat(erased.top(all, department, 20)).extracting(Rankings.Score::vkUserId).doesNotContain(base)
                .hasSize(points.length - 1)
                .isEqualTo(tables.topScores(all, department, 20).await().indefinitely().stream()
                        .map(Rankings.Score::vkUserId).toList());
        assertThat(erased.place(base + 1, all, department)).isEqualTo(tables.place(base + 1, all, department).await()
                .indefinitely());
    }

    /**
     * Seeded random points (some days none, some taken back) for {@code members} members from {@code base} over
     * {@code days} days from {@code first}, posted as ledger events; points[member][day].
     */
    private static long[][] postRandomPoints(long base, int members, LocalDate first, int days) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(base);
        long[][] points = new long[members][days];
        String run = String.valueOf(System.nanoTime());
        for (int m = 0; m < members; m++) {
            for (int d = 0; d < days; d++) {
                if (random.nextInt(3) == 0) {
                    continue;
                }
                points[m][d] = random.nextInt(6) == 0 ? -random.nextInt(1, 5) : random.nextInt(1, 4) * (m % 4 + 1);
                long member = base + m;
                TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), posted("rnd-" + run + "-" + m + "-" + d,
                        member, points[m][d], first.plusDays(d).atTime(9, 0).atZone(MOSCOW).toInstant()));
            }
        }
        return points;
    }

    private long count(String sql) throws Exception {
        try (var c = dataSource.getConnection(); var q = c.prepareStatement(sql); var rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long points(String token, long member, LocalDate from, LocalDate to, String department) {
        var request = given().auth().oauth2(token).queryParam("from", from.toString()).queryParam("to", to.toString());
        if (department != null) {
            request = request.queryParam("department", department);
        }
        List<Map<String, Object>> rows = request.get("/api/analytics/leaderboard").then().statusCode(200)
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
