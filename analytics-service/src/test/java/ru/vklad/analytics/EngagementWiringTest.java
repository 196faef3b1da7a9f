package ru.vklad.analytics;

import static ru.vklad.analytics.HrRequests.admin;
import static ru.vklad.analytics.HrRequests.hr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import ru.vklad.devstack.test.DevStackResource;
import ru.vklad.devstack.test.TestKafka;
import ru.vklad.events.Activity;
import ru.vklad.events.ActivityType;
import ru.vklad.events.MemberChanged;
import ru.vklad.events.Topics;
import ru.vklad.events.VkObject;

/** Activities into actions, reach and eNPS; CSV exports. Polls, posts and days of their own per run. */
@QuarkusTest
@WithTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "vklad_analytics"))
class EngagementWiringTest {

    private static final long GROUP = 229000001L;
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void enpsOverallAndPerDepartmentHidesSmallGroupsAndComparesTwoSurveys() throws Exception {
        long run = System.nanoTime() % 1_000_000;
        String marketing = "Маркетинг " + run;
        long before = 7_000_000 + run;
        long after = 8_000_000 + run;
        List<Long> marketers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            marketers.add(member(68_000_000L + run * 10 + i, marketing));
        }
        long lawyer = member(69_000_000L + run, "Юристы " + run);
        designate(before, "eNPS, ноябрь");
        designate(after, "eNPS после программы");

        Instant t = Instant.parse("2026-11-02T09:00:00Z");
        vote(marketers.get(0), before, 3, t, "a"); // changed to 1 later: the latest vote counts
        vote(marketers.get(0), before, 1, t.plusSeconds(60), "b");
        vote(marketers.get(0), before, 1, t.plusSeconds(60), "b"); // redelivery
        vote(marketers.get(1), before, 1, t, "c");
        vote(marketers.get(2), before, 1, t, "d");
        vote(marketers.get(3), before, 2, t, "e");
        vote(marketers.get(4), before, 3, t, "f");
        vote(lawyer, before, 3, t, "g");
        for (long marketer : marketers) {
            vote(marketer, after, 1, t.plusSeconds(600), "h" + marketer);
        }
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM poll_vote WHERE poll_key = ?",
                "poll:-" + GROUP + "_" + after) == 5 && count("SELECT count(*) FROM poll_vote WHERE poll_key = ?",
                "poll:-" + GROUP + "_" + before) == 6);

        // Everyone: 3 promoters, 1 passive, 2 detractors of 6 = 16.7. Marketing is large enough, but overall minus
        // Marketing would be the lawyer's own answer, so Marketing is not shown either.
        String survey = "/api/analytics/surveys/-" + GROUP + "_" + before;
        hr().get(survey).then().statusCode(200)
                .body("kind", equalTo("ENPS")).body("minimumRespondents", equalTo(5))
                .body("result.overall.nps.respondents", equalTo(6))
                .body("result.overall.nps.score", equalTo(16.7f))
                .body("result.departments.find { it.department == '" + marketing + "' }.shown", equalTo(false))
                .body("result.departments.find { it.department == '" + marketing + "' }.nps", nullValue())
                .body("result.departments.find { it.department == 'Юристы " + run + "' }.shown", equalTo(false))
                .body("result.departments.find { it.department == 'Юристы " + run + "' }.nps", nullValue());

        // Four passives of no known department: five answers are not shown separately, and Marketing can be.
        for (int i = 0; i < 4; i++) {
            vote(66_000_000L + run * 10 + i, before, 2, t, "i" + i);
        }
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM poll_vote WHERE poll_key = ?",
                "poll:-" + GROUP + "_" + before) == 10);
        // Marketing: 3 promoters, 1 passive, 1 detractor = 40; everyone: 3 / 5 / 2 of 10 = 10.
        hr().get(survey).then().statusCode(200)
                .body("result.overall.nps.respondents", equalTo(10))
                .body("result.overall.nps.score", equalTo(10.0f))
                .body("result.departments.find { it.department == '" + marketing + "' }.nps.score", equalTo(40.0f))
                .body("result.departments.find { it.department == 'Юристы " + run + "' }.shown", equalTo(false));
        hr().get(survey + "/result.csv").then().statusCode(200).contentType("text/csv")
                .header("Content-Disposition", "attachment; filename=\"survey_-" + GROUP + "_" + before + ".csv\"")
                .body(equalTo("\uFEFFgroup,department,shown,respondents,promoters,passives,detractors,score\r\n"
                        + "overall,,true,10,3,5,2,10.0\r\n"
                        + "department," + marketing + ",true,5,3,1,1,40.0\r\n"
                        + "department,Юристы " + run + ",false,,,,,\r\n"));
        hr().queryParam("before", "-" + GROUP + "_" + before).queryParam("after", "-" + GROUP + "_" + after)
                .get("/api/analytics/surveys/comparison").then().statusCode(200)
                .body("changes.find { it.department == '" + marketing + "' }.change", equalTo(60.0f))
                .body("changes[0].before", equalTo(10.0f)).body("changes[0].after", equalTo(100.0f));

        // An erased respondent's answer still counts, under no name.
        TestKafka.send(Topics.MEMBERS, String.valueOf(lawyer), null);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM poll_vote WHERE vk_user_id = ?", lawyer) == 0);
        hr().get(survey).then().statusCode(200).body("result.overall.nps.respondents", equalTo(10));
    }

    @Test
    void surveyDesignationsAreCheckedAndForHrAdmins() {
        String poll = "/api/analytics/surveys/-" + GROUP + "_1";
        admin().contentType("application/json").body(Map.of("kind", "ENPS", "title", "x",
                "options", List.of(Map.of("optionId", 1, "score", 11), Map.of("optionId", 2, "score", 0))))
                .put(poll).then().statusCode(400);
        admin().contentType("application/json").body(Map.of("kind", "ENPS", "title", "x",
                "options", List.of(Map.of("optionId", 1, "score", 10))))
                .put(poll).then().statusCode(400);
        admin().contentType("application/json").body(Map.of("kind", "ENPS", "title", "x",
                "options", List.of(Map.of("optionId", 1, "score", 10), Map.of("optionId", 1, "score", 0))))
                .put(poll).then().statusCode(400);
        admin().contentType("application/json").body(Map.of("kind", "CSAT", "title", "x",
                "options", List.of(Map.of("optionId", 1, "score", 10), Map.of("optionId", 2, "score", 0))))
                .put(poll).then().statusCode(400);
        hr().contentType("application/json").body(Map.of("kind", "ENPS", "title", "x",
                "options", List.of(Map.of("optionId", 1, "score", 10), Map.of("optionId", 2, "score", 0))))
                .put(poll).then().statusCode(403);
        hr().get("/api/analytics/surveys/-" + GROUP + "_999999999").then().statusCode(404);
        hr().get("/api/analytics/surveys/not-a-poll").then().statusCode(400);
    }

    @Test
    void actionsByTypeReachPerPostAndCsvExports() {
        long run = System.nanoTime() % 1_000_000;
        LocalDate day = LocalDate.of(2005, 1, 1).plusDays(run % 3000);
        Instant at = day.atTime(12, 0).atZone(MOSCOW).toInstant();
        String team = "Поддержка " + run;
        long author = member(70_000_000L + run, team);
        long other = member(71_000_000L + run, team);
        String elsewhere = "Склад " + run;
        long outsider = member(72_000_000L + run, elsewhere);
        long postId = 500_000 + run;
        VkObject post = new VkObject("post", -GROUP, postId, null);
        activity("l1-" + run, ActivityType.LIKE_ADDED, author, post, at);
        activity("l1-" + run, ActivityType.LIKE_ADDED, author, post, at); // redelivery
        activity("c1-" + run, ActivityType.COMMENT_ADDED, author, new VkObject("comment", -GROUP, 9_000 + run, postId), at);
        activity("r1-" + run, ActivityType.REPOST, author, post, at);
        activity("l2-" + run, ActivityType.LIKE_ADDED, other, post, at);
        activity("u2-" + run, ActivityType.LIKE_REMOVED, other, post, at.plusSeconds(5));
        activity("l3-" + run, ActivityType.LIKE_ADDED, outsider, post, at.plusSeconds(1));
        activity("u3-" + run, ActivityType.LIKE_REMOVED, outsider, post, at.plusSeconds(2));

        String key = "post:-" + GROUP + "_" + postId;
        await().atMost(WAIT).untilAsserted(() -> hr().get("/api/analytics/posts/" + key).then().statusCode(200)
                .body("likes", equalTo(1)).body("comments", equalTo(1)).body("reposts", equalTo(1))
                .body("interactions", equalTo(3))
                // the others' likes and their removals add up to no like: wait for them by who engaged
                .body("engagedMembers", equalTo(3)));
        // All three engaged (a like taken back still was engagement), each once; the rate divides by the audience now.
        var engagement = hr().get("/api/analytics/posts/" + key).then().statusCode(200)
                .body("engagedMembers", equalTo(3)).body("audience", equalTo("employees"))
                .body("departmentReach", org.hamcrest.Matchers.nullValue()).extract().jsonPath();
        int audienceSize = engagement.getInt("audienceSize");
        assertThat(audienceSize).isGreaterThanOrEqualTo(3);
        assertThat(engagement.getDouble("engagementRate"))
                .isEqualTo(ru.vklad.analytics.service.EngagementRate.of(3, audienceSize));
        // Within a department: its members who engaged, against its consenting members in the post's audience.
        hr().queryParam("department", team).get("/api/analytics/posts").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].objectKey", equalTo(key)).body("[0].engagedMembers", equalTo(3))
                .body("[0].departmentReach.department", equalTo(team))
                .body("[0].departmentReach.engagedMembers", equalTo(2))
                .body("[0].departmentReach.audienceSize", equalTo(2))
                .body("[0].departmentReach.engagementRate", equalTo(1.0f));
        hr().queryParam("department", elsewhere).queryParam("from", day.toString()).queryParam("to", day.toString())
                .get("/api/analytics/posts").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].departmentReach.engagedMembers", equalTo(1))
                .body("[0].departmentReach.audienceSize", equalTo(1));
        hr().queryParam("department", elsewhere).queryParam("from", day.plusDays(1).toString())
                .queryParam("to", day.plusDays(1).toString()).get("/api/analytics/posts").then().statusCode(200)
                .body("size()", equalTo(0));
        hr().queryParam("department", "Нет такого " + run).get("/api/analytics/posts").then().statusCode(200)
                .body("size()", equalTo(0));
        assertThat(hr().queryParam("department", team).get("/api/analytics/exports/posts.csv").then()
                .statusCode(200).extract().asString())
                .startsWith("\uFEFFpost,community_id,likes,comments,substantive_comments,reposts,votes,interactions,"
                        + "audience,engaged_members,audience_size,engagement_rate,first_activity,last_activity,"
                        + "department,department_engaged_members,department_audience_size,department_engagement_rate"
                        + "\r\n" + key + ",")
                .endsWith("," + team + ",2,2,1.0\r\n");
        hr().queryParam("from", day.toString()).queryParam("to", day.toString())
                .get("/api/analytics/members/" + author + "/actions").then().statusCode(200)
                .body("actions.find { it.action == 'like' }.count", equalTo(1))
                .body("actions.find { it.action == 'comment' }.count", equalTo(1))
                .body("actions.find { it.action == 'repost' }.count", equalTo(1));
        hr().queryParam("from", day.toString()).queryParam("to", day.toString()).queryParam("department", team)
                .get("/api/analytics/actions").then().statusCode(200)
                .body("actions.find { it.action == 'like' }.count", equalTo(2));
        hr().get("/api/analytics/posts/post:-1_1").then().statusCode(404);

        String csv = hr().queryParam("from", "2001-01-01").queryParam("to", "2001-01-02")
                .get("/api/analytics/exports/departments.csv").then().statusCode(200)
                .contentType("text/csv").header("Content-Disposition", "attachment; filename=\"departments_2001-01-01_2001-01-02.csv\"")
                .extract().asString();
        assertThat(csv).startsWith("\uFEFFdepartment,members,active_members,participation_rate,points,"
                + "activity_points,points_per_capita\r\n");
        assertThat(csv).contains(team + ",2,0,0.0,0,0,0.0\r\n");
        hr().queryParam("from", day.toString()).queryParam("to", day.toString())
                .get("/api/analytics/exports/leaderboard.csv").then().statusCode(200)
                .body(org.hamcrest.Matchers.startsWith("\uFEFFrank,vk_user_id,points\r\n"));
        hr().queryParam("from", day.toString()).queryParam("to", day.toString()).queryParam("department", team)
                .get("/api/analytics/exports/actions.csv").then().statusCode(200).contentType("text/csv")
                .body(equalTo("\uFEFFaction,count\r\ncomment,1\r\nlike,2\r\nrepost,1\r\n"));
        assertThat(hr().queryParam("limit", 10000).get("/api/analytics/exports/posts.csv").then().statusCode(200)
                .contentType("text/csv").extract().asString())
                .startsWith("\uFEFFpost,community_id,likes,comments,substantive_comments,reposts,votes,interactions,"
                        + "audience,engaged_members,audience_size,engagement_rate,first_activity,last_activity\r\n")
                .contains("\r\n" + key + "," + GROUP + ",1,1,0,1,0,3,employees,3," + audienceSize + ","
                        + engagement.getDouble("engagementRate") + "," + at + "," + at.plusSeconds(5) + "\r\n");
        // Of a period: the posts first interacted with in it.
        hr().queryParam("from", day.toString()).queryParam("to", day.toString()).queryParam("limit", 100)
                .get("/api/analytics/posts").then().statusCode(200)
                .body("objectKey", org.hamcrest.Matchers.hasItem(key))
                .body("find { it.objectKey == '" + key + "' }.firstActivity", equalTo(at.toString()));
        hr().queryParam("from", day.plusDays(1).toString()).queryParam("to", day.plusDays(9).toString())
                .queryParam("limit", 100).get("/api/analytics/posts").then().statusCode(200)
                .body("objectKey", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(key)));
        hr().queryParam("from", day.toString()).get("/api/analytics/posts").then().statusCode(400);

        // An erased member's engagement still counts, under no name.
        TestKafka.send(Topics.MEMBERS, String.valueOf(other), null);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM post_engager WHERE vk_user_id = ?", other) == 0);
        hr().get("/api/analytics/posts/" + key).then().statusCode(200).body("engagedMembers", equalTo(3));
        // ... though no longer within the department: the anonymous id is in none.
        hr().queryParam("department", team).get("/api/analytics/posts").then().statusCode(200)
                .body("[0].departmentReach.engagedMembers", equalTo(1))
                .body("[0].departmentReach.audienceSize", equalTo(1));
    }

    private long member(long vkUserId, String department) {
        TestKafka.send(Topics.MEMBERS, String.valueOf(vkUserId), new MemberChanged(vkUserId, "E-" + vkUserId,
                "Тест Тестов", department, "employees", "Europe/Moscow", true, "v1", Instant.now()));
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM member_directory WHERE vk_user_id = ?",
                vkUserId) == 1);
        return vkUserId;
    }

    private static void designate(long pollId, String title) {
        admin().contentType("application/json").body(Map.of("kind", "ENPS", "title", title, "options", List.of(
                        Map.of("optionId", 1, "score", 10), Map.of("optionId", 2, "score", 8),
                        Map.of("optionId", 3, "score", 3))))
                .put("/api/analytics/surveys/-" + GROUP + "_" + pollId).then().statusCode(200)
                .body("scores.1", equalTo(10));
    }

    private static void vote(long member, long pollId, long option, Instant at, String id) {
        TestKafka.send(Topics.ACTIVITIES, String.valueOf(member), new Activity(GROUP + ":vote-" + pollId + "-" + id
                + "-" + member, GROUP, ActivityType.POLL_VOTE, member, new VkObject("poll", -GROUP, pollId, null), null,
                null, false, String.valueOf(option), 0, at));
    }

    private static void activity(String id, ActivityType type, long member, VkObject object, Instant at) {
        TestKafka.send(Topics.ACTIVITIES, String.valueOf(member), new Activity(GROUP + ":" + id, GROUP, type, member,
                object, null, null, false, null, 0, at, "employees"));
    }

    private long count(String sql, Object parameter) throws Exception {
        return HrRequests.count(dataSource, sql, parameter);
    }
}
