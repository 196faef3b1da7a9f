package ru.vklad.analytics;

import static ru.vklad.analytics.HrRequests.admin;
import static ru.vklad.analytics.HrRequests.hr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import ru.vklad.analytics.persistence.CommentReadModel;
import ru.vklad.devstack.test.DevStackResource;
import ru.vklad.devstack.test.TestKafka;
import ru.vklad.events.Activity;
import ru.vklad.events.ActivityType;
import ru.vklad.events.MemberChanged;
import ru.vklad.events.Topics;
import ru.vklad.events.VkObject;

/** Comments into tone and key topics; their texts kept only as long, and only for whom, they may be. */
@QuarkusTest
@WithTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "vklad_analytics"))
class CommentWiringTest {

    private static final long GROUP = 229000001L;
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CommentReadModel comments;

    @Test
    void keyTopicsOfAWeekAreRankedAgainstTheWeeksBefore() {
        long run = System.nanoTime() % 1_000_000;
        // Five weeks of their own, long ago, that no other test writes to.
        LocalDate week = LocalDate.of(1900, 1, 1).plusWeeks(5 * (run % 900) + 4);
        long author = member(72_000_000L + run, true);
        long postId = 600_000 + run;
        int n = 0;
        for (int earlier = 1; earlier <= 4; earlier++) {
            comment(author, postId, 10 * earlier, "Хороший офис, уютно", at(week.minusWeeks(earlier)));
            comment(author, postId, 10 * earlier + 1, "В офисе снова обед", at(week.minusWeeks(earlier)));
        }
        comment(author, postId, 100, "Новая парковка у офиса! Спасибо", at(week));
        comment(author, postId, 101, "Парковка платная?", at(week.plusDays(1)));
        comment(author, postId, 102, "Опять парковку закрыли, офис далеко(", at(week.plusDays(2)));
        comment(author, postId, 103, "Парковки хватит всем", at(week.plusDays(3)));
        comment(author, postId, 103, "Парковки хватит всем", at(week.plusDays(3))); // redelivered

        await().atMost(WAIT).untilAsserted(() -> hr().queryParam("from", week.toString())
                .queryParam("to", week.plusDays(6).toString()).get("/api/analytics/comments").then()
                .statusCode(200).body("tone.comments", equalTo(4)));
        JsonPath report = hr().queryParam("from", week.toString()).queryParam("to", week.plusDays(6).toString())
                .get("/api/analytics/comments").then().statusCode(200).extract().jsonPath();
        assertThat(report.getInt("earlierPeriods")).isEqualTo(4);
        assertThat(report.getInt("tone.positive")).isEqualTo(1);
        assertThat(report.getInt("tone.neutral")).isEqualTo(2);
        assertThat(report.getInt("tone.negative")).isEqualTo(1);
        assertThat(report.getDouble("tone.positiveShare")).isEqualTo(0.25);
        // "парковка" (all four comments, never before) outranks "офис" (two comments, every week before).
        List<String> topics = report.getList("topics.term");
        assertThat(topics).startsWith("парковк").contains("офис");
        assertThat(report.getInt("topics[0].comments")).isEqualTo(4);
        assertThat(report.getDouble("topics[0].score")).isCloseTo(Math.log(5.0 / 1) + 1, org.assertj.core.data.Offset.offset(1e-5));
        // "уютно" was said only in earlier weeks, "новая" in one comment only: neither is this week's topic.
        assertThat(topics).doesNotContain("уютн", "нов");

        hr().queryParam("from", week.toString()).queryParam("to", week.minusDays(1).toString())
                .get("/api/analytics/comments").then().statusCode(400);
        hr().queryParam("from", week.toString()).get("/api/analytics/comments").then().statusCode(400);
    }

    @Test
    void editsDeletionsConsentAndErasureAdjustToneAndTexts() throws Exception {
        long run = System.nanoTime() % 1_000_000;
        long glad = member(73_000_000L + run, true);
        long upset = member(74_000_000L + run, true);
        long postId = 700_000 + run;
        String post = "post:-" + GROUP + "_" + postId;
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        LocalDate today = LocalDate.ofInstant(now, MOSCOW);

        String glad1 = "Спасибо, отличная новость!";
        send(glad, postId, 1, ActivityType.COMMENT_ADDED, glad1, now.minusSeconds(60), "a", true);
        send(glad, postId, 1, ActivityType.COMMENT_ADDED, glad1, now.minusSeconds(60), "a", true); // redelivered
        send(upset, postId, 2, ActivityType.COMMENT_ADDED, "Опять ничего не работает(", now.minusSeconds(30), "a",
                false);
        awaitTone(post, today, 2, 1, 0, 1);
        awaitSubstantive(post, today, 1);
        admin().queryParam("post", post).get("/api/analytics/comments/texts").then().statusCode(200)
                .body("", hasSize(2)).body("[0].text", equalTo("Опять ничего не работает("))
                .body("[0].tone", equalTo("negative"));
        hr().queryParam("post", post).get("/api/analytics/comments/texts").then().statusCode(403);
        admin().get("/api/analytics/comments/texts").then().statusCode(400);

        send(upset, postId, 2, ActivityType.COMMENT_EDITED, "Уже починили, всё работает, спасибо", now, "e", true);
        awaitTone(post, today, 2, 2, 0, 0);
        awaitSubstantive(post, today, 2);
        send(glad, postId, 1, ActivityType.COMMENT_DELETED, null, now.plusSeconds(1), "d");
        awaitTone(post, today, 1, 1, 0, 0);
        awaitSubstantive(post, today, 1);
        send(glad, postId, 1, ActivityType.COMMENT_RESTORED, glad1, now.plusSeconds(2), "r", true);
        awaitTone(post, today, 2, 2, 0, 0);
        awaitSubstantive(post, today, 2);
        hr().get("/api/analytics/posts/" + post).then().statusCode(200)
                .body("comments", equalTo(2)).body("substantiveComments", equalTo(2));
        hr().queryParam("from", today.toString()).queryParam("to", today.toString()).queryParam("limit", 100)
                .get("/api/analytics/comments/posts").then().statusCode(200)
                .body("find { it.post == '" + post + "' }.tone.positive", equalTo(2));

        // Consent withdrawn: the text goes, the count stays. Erased: likewise.
        TestKafka.send(Topics.MEMBERS, String.valueOf(upset), change(upset, false));
        await().atMost(WAIT).until(() -> texts(upset) == 0);
        TestKafka.send(Topics.MEMBERS, String.valueOf(glad), null);
        await().atMost(WAIT).until(() -> texts(glad) == 0);
        admin().queryParam("post", post).get("/api/analytics/comments/texts").then().statusCode(200)
                .body("", hasSize(0));
        awaitTone(post, today, 2, 2, 0, 0);
    }

    @Test
    void textsAreKeptOnlyForTheirTime() throws Exception {
        long run = System.nanoTime() % 1_000_000;
        long author = member(75_000_000L + run, true);
        long postId = 800_000 + run;
        String post = "post:-" + GROUP + "_" + postId;
        Instant twentyDaysAgo = Instant.now().minus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant fortyDaysAgo = Instant.now().minus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        long stranger = 76_000_000L + run; // the directory does not know them, so has no consent of theirs
        comment(author, postId, 1, "Плохо слышно было", fortyDaysAgo);
        comment(author, postId, 2, "Хорошо слышно было", twentyDaysAgo);
        comment(stranger, postId, 3, "Хорошо слышно было", twentyDaysAgo);
        await().atMost(WAIT).until(() -> texts(author) == 1);
        LocalDate from = LocalDate.ofInstant(fortyDaysAgo, MOSCOW);
        await().atMost(WAIT).untilAsserted(() -> hr().queryParam("from", from.toString())
                .queryParam("to", from.plusDays(30).toString()).queryParam("post", post)
                .get("/api/analytics/comments").then().statusCode(200)
                .body("tone.comments", equalTo(3)).body("tone.negative", equalTo(1)));
        assertThat(texts(stranger)).as("a text is kept only of a member who consented").isZero();

        // The retention job removes what is older than its time (here: the twenty-day-old text).
        assertThat(comments.forgetTextsWrittenBefore(twentyDaysAgo.plusSeconds(1)).await().indefinitely())
                .isGreaterThanOrEqualTo(1);
        assertThat(texts(author)).isZero();
        hr().queryParam("from", from.toString()).queryParam("to", from.plusDays(30).toString())
                .queryParam("post", post).get("/api/analytics/comments").then().statusCode(200)
                .body("tone.comments", equalTo(3));
    }

    /** The post's substantive comments of the day, as the most commented posts list them. */
    private void awaitSubstantive(String post, LocalDate day, int substantive) {
        await().atMost(WAIT).untilAsserted(() -> hr().queryParam("from", day.minusDays(1).toString())
                .queryParam("to", day.plusDays(1).toString()).queryParam("limit", 100)
                .get("/api/analytics/comments/posts").then().statusCode(200)
                .body("find { it.post == '" + post + "' }.substantive", equalTo(substantive)));
    }

    private void awaitTone(String post, LocalDate day, int comments, int positive, int neutral, int negative) {
        await().atMost(WAIT).untilAsserted(() -> hr().queryParam("from", day.minusDays(1).toString())
                .queryParam("to", day.plusDays(1).toString()).queryParam("post", post)
                .get("/api/analytics/comments").then().statusCode(200)
                .body("post", equalTo(post))
                .body("tone.comments", equalTo(comments)).body("tone.positive", equalTo(positive))
                .body("tone.neutral", equalTo(neutral)).body("tone.negative", equalTo(negative)));
    }

    private static Instant at(LocalDate day) {
        return day.atTime(12, 0).atZone(MOSCOW).toInstant();
    }

    private static void comment(long author, long postId, long commentId, String text, Instant at) {
        send(author, postId, commentId, ActivityType.COMMENT_ADDED, text, at, "a");
    }

    private static void send(long author, long postId, long commentId, ActivityType type, String text, Instant at,
                             String event) {
        send(author, postId, commentId, type, text, at, event, null);
    }

    /** @param substantive what the activity service says of the comment (null: activities from before it did) */
    private static void send(long author, long postId, long commentId, ActivityType type, String text, Instant at,
                             String event, Boolean substantive) {
        TestKafka.send(Topics.ACTIVITIES, String.valueOf(author), new Activity(
                GROUP + ":c" + event + "-" + postId + "-" + commentId, GROUP, type, author,
                new VkObject("comment", -GROUP, commentId, postId), author, text, false, null, 0, at, "employees",
                substantive));
    }

    private long member(long vkUserId, boolean consent) {
        TestKafka.send(Topics.MEMBERS, String.valueOf(vkUserId), change(vkUserId, consent));
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM member_directory WHERE vk_user_id = ?",
                vkUserId) == 1);
        return vkUserId;
    }

    private static MemberChanged change(long vkUserId, boolean consent) {
        return new MemberChanged(vkUserId, "E-" + vkUserId, "Тест Тестов", "Офис " + vkUserId, "employees",
                "Europe/Moscow", consent, "v1", Instant.now());
    }

    private long texts(long vkUserId) throws Exception {
        return count("SELECT count(*) FROM comment_text WHERE vk_user_id = ?", vkUserId);
    }

    private long count(String sql, Object parameter) throws Exception {
        return HrRequests.count(dataSource, sql, parameter);
    }
}
