package ru.vklad.activity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import ru.vklad.activity.persistence.RuleVersions;
import ru.vklad.activity.service.EarningLimits;
import ru.vklad.activity.service.RuleBook;
import ru.vklad.devstack.test.DevStackResource;
import ru.vklad.devstack.test.TestKafka;
import ru.vklad.events.Activity;
import ru.vklad.events.ActivityType;
import ru.vklad.events.AwardCommand;
import ru.vklad.events.BotMessage;
import ru.vklad.events.EarningRuleChanged;
import ru.vklad.events.Topics;
import ru.vklad.events.VkCallbackReceived;
import ru.vklad.events.serde.ActivityDeserializer;
import ru.vklad.events.serde.AwardCommandDeserializer;
import ru.vklad.events.serde.BotMessageDeserializer;
import ru.vklad.events.serde.VkCallbackReceivedDeserializer;

/** VK callbacks through the real endpoint, broker and database into activities and award commands. */
@QuarkusTest
@WithTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "vklad_activity"))
class CallbackPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(4);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RuleBook rules;

    @Inject
    RuleVersions ruleVersions;

    @Test
    void consentingMembersLikeIsOneActivityAndOneAwardHoweverOftenVkRetries() throws Exception {
        long member = consentingMember();
        String like = callback("like_add_post.json", o -> o.put("liker_id", member));
        for (int i = 0; i < 3; i++) {
            CallbackIntakeTest.post(like).then().statusCode(200).body(equalTo("ok"));
        }
        String eventId = JSON.readTree(like).get("event_id").asText();

        List<ConsumerRecord<String, AwardCommand>> awards = TestKafka.await(Topics.AWARD_COMMANDS,
                new AwardCommandDeserializer(), r -> r.value().memberVkId() == member, 1, WAIT);
        AwardCommand award = awards.get(0).value();
        assertThat(awards.get(0).key()).isEqualTo(String.valueOf(member));
        assertThat(award.idempotencyKey()).isEqualTo("vk:229000001:like:" + member + ":post:-229000001_1201");
        assertThat(award.points()).isEqualTo(1);
        assertThat(award.reason()).isEqualTo("за отметку «Мне нравится» к посту 1201");

        assertThat(TestKafka.collect(Topics.ACTIVITIES, new ActivityDeserializer(),
                r -> r.value().activityId().equals("229000001:" + eventId), QUIET)).hasSize(1);
        assertThat(TestKafka.collect(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().memberVkId() == member, QUIET)).hasSize(1);
    }

    @Test
    void nonMembersActivityIsDroppedWithoutATrace() throws Exception {
        long stranger = 880_000_000L + System.nanoTime() % 1_000_000;
        String like = callback("like_add_post.json", o -> o.put("liker_id", stranger));
        CallbackIntakeTest.post(like).then().statusCode(200).body(equalTo("ok"));
        String eventId = JSON.readTree(like).get("event_id").asText();

        await().atMost(WAIT).until(() -> processed(eventId));
        assertThat(TestKafka.collect(Topics.ACTIVITIES, new ActivityDeserializer(),
                r -> r.value().vkUserId() == stranger, QUIET)).isEmpty();
        assertThat(TestKafka.collect(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().memberVkId() == stranger, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void aMessageToTheCommunityGoesToTheBotFromAnyoneButIsActivityOnlyForMembers() throws Exception {
        long stranger = 881_000_000L + System.nanoTime() % 1_000_000;
        String message = callback("message_new.json",
                o -> ((ObjectNode) o.get("message")).put("from_id", stranger).put("peer_id", stranger));
        CallbackIntakeTest.post(message).then().statusCode(200).body(equalTo("ok"));
        CallbackIntakeTest.post(message).then().statusCode(200).body(equalTo("ok")); // VK retry
        String eventId = JSON.readTree(message).get("event_id").asText();

        List<ConsumerRecord<String, BotMessage>> asked = TestKafka.await(Topics.BOT_MESSAGES,
                new BotMessageDeserializer(), r -> r.value().fromId() == stranger, 1, WAIT);
        assertThat(asked.get(0).key()).isEqualTo(String.valueOf(stranger));
        assertThat(asked.get(0).value().text()).isEqualTo("баланс");
        assertThat(asked.get(0).value().messageId()).isEqualTo("229000001:" + eventId);
        await().atMost(WAIT).until(() -> processed(eventId));
        assertThat(TestKafka.collect(Topics.BOT_MESSAGES, new BotMessageDeserializer(),
                r -> r.value().fromId() == stranger, QUIET)).as("the retry is not asked twice").hasSize(1);
        assertThat(TestKafka.collect(Topics.ACTIVITIES, new ActivityDeserializer(),
                r -> r.value().vkUserId() == stranger, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void likingOnesOwnPostEarnsNothing() throws Exception {
        long member = consentingMember();
        long postId = 90_000 + System.nanoTime() % 10_000;
        CallbackIntakeTest.post(callback("wall_post_new_suggest_idea.json",
                o -> o.put("from_id", member).put("id", postId))).then().statusCode(200);
        String like = callback("like_add_post.json", o -> o.put("liker_id", member).put("object_id", postId));
        CallbackIntakeTest.post(like).then().statusCode(200);
        String likeEvent = JSON.readTree(like).get("event_id").asText();

        List<ConsumerRecord<String, Activity>> activities = TestKafka.await(Topics.ACTIVITIES,
                new ActivityDeserializer(), r -> r.value().vkUserId() == member, 2, WAIT);
        assertThat(activities).extracting(r -> r.value().type())
                .containsExactly(ActivityType.POST_PUBLISHED, ActivityType.LIKE_ADDED);
        assertThat(activities.get(0).value().ideaCandidate()).isTrue();
        await().atMost(WAIT).until(() -> processed(likeEvent));
        assertThat(TestKafka.collect(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().memberVkId() == member, QUIET)).isEmpty();
    }

    @Test
    void aShortCommentEarnsOnlyOnceEditedIntoASubstantiveOne() throws Exception {
        long member = consentingMember();
        long commentId = 70_000 + System.nanoTime() % 10_000;
        CallbackIntakeTest.post(callback("wall_reply_new_short.json",
                o -> o.put("from_id", member).put("id", commentId))).then().statusCode(200);
        CallbackIntakeTest.post(callback("wall_reply_edit.json",
                o -> o.put("from_id", member).put("id", commentId))).then().statusCode(200);

        AwardCommand award = TestKafka.await(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().memberVkId() == member, 1, WAIT).get(0).value();
        assertThat(award.ruleId()).isEqualTo("substantive_comment");
        assertThat(award.points()).isEqualTo(5);
        assertThat(award.idempotencyKey()).endsWith(":comment:-229000001_" + commentId);
        assertThat(TestKafka.collect(Topics.ACTIVITIES, new ActivityDeserializer(),
                r -> r.value().vkUserId() == member, QUIET)).hasSize(2);
    }

    @Test
    void unlikeTakesTheAwardBackAndLikingAgainEarnsNothingMore() throws Exception {
        long member = consentingMember();
        long postId = 60_000 + System.nanoTime() % 10_000;
        String key = "vk:229000001:like:" + member + ":post:-229000001_" + postId;
        // The unlike arrives first, as VK may deliver it.
        CallbackIntakeTest.post(callback("like_remove_post.json", o -> o.put("liker_id", member).put("object_id", postId)))
                .then().statusCode(200);
        CallbackIntakeTest.post(callback("like_add_post.json", o -> o.put("liker_id", member).put("object_id", postId)))
                .then().statusCode(200);
        CallbackIntakeTest.post(callback("like_add_post.json", o -> o.put("liker_id", member).put("object_id", postId)))
                .then().statusCode(200);

        List<ConsumerRecord<String, AwardCommand>> commands = TestKafka.await(Topics.AWARD_COMMANDS,
                new AwardCommandDeserializer(), r -> r.value().memberVkId() == member, 2, WAIT);
        assertThat(commands).extracting(r -> r.value().type())
                .containsExactly(AwardCommand.Type.AWARD, AwardCommand.Type.REVERSE);
        assertThat(commands.get(0).value().idempotencyKey()).isEqualTo(key);
        assertThat(commands.get(1).value().reversesKey()).isEqualTo(key);
        assertThat(TestKafka.collect(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().memberVkId() == member, QUIET)).hasSize(2);
    }

    @Test
    void aPollIsProcessedInOrderAndACallbackThatCannotBeIsParkedAloneOnTheDeadLetterTopic() throws Exception {
        long member = consentingMember();
        long post = 70_000 + System.nanoTime() % 10_000;
        String likeA = callback("like_add_post.json", o -> o.put("liker_id", member).put("object_id", post));
        String likeB = callback("like_add_post.json", o -> o.put("liker_id", member).put("object_id", post + 1));
        String unlikeB = callback("like_remove_post.json", o -> o.put("liker_id", member).put("object_id", post + 1));
        String likeC = callback("like_add_post.json", o -> o.put("liker_id", member).put("object_id", post + 2));
        String unusable = UUID.randomUUID().toString().replace("-", "");
        // As the intake stores them, under the member's key, so the pipeline is likely to poll them at once; the
        // first like again as VK's retry, and one whose stored body is not JSON (nothing the intake lets through).
        TestKafka.sendAll(Topics.VK_CALLBACKS, String.valueOf(member), List.of(stored(likeA), stored(likeA),
                stored(likeB), new VkCallbackReceived(229000001L, unusable, "like_add", Instant.now(), "{not json"),
                stored(unlikeB), stored(likeC)));

        String key = "vk:229000001:like:" + member + ":post:-229000001_";
        List<AwardCommand> commands = TestKafka.await(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().memberVkId() == member, 4, WAIT).stream().map(ConsumerRecord::value).toList();
        assertThat(commands).extracting(AwardCommand::type).containsExactly(AwardCommand.Type.AWARD,
                AwardCommand.Type.AWARD, AwardCommand.Type.REVERSE, AwardCommand.Type.AWARD);
        assertThat(commands).extracting(AwardCommand::idempotencyKey).containsExactly(key + post, key + (post + 1),
                key + (post + 1) + ":reversal", key + (post + 2));
        List<ConsumerRecord<String, VkCallbackReceived>> parked = TestKafka.await(Topics.VK_CALLBACKS + ".dlq",
                new VkCallbackReceivedDeserializer(), r -> String.valueOf(member).equals(r.key()), 1, WAIT);
        assertThat(parked.get(0).value().eventId()).isEqualTo(unusable);
        assertThat(new String(parked.get(0).headers().lastHeader("dead-letter-reason").value(), UTF_8))
                .contains("not JSON");
        for (String processed : List.of(likeA, likeB, unlikeB, likeC)) {
            assertThat(processed(JSON.readTree(processed).get("event_id").asText())).isTrue();
        }
        assertThat(processed(unusable)).isFalse();
        assertThat(TestKafka.collect(Topics.VK_CALLBACKS + ".dlq", new VkCallbackReceivedDeserializer(),
                r -> String.valueOf(member).equals(r.key()), QUIET)).as("only the unusable one is parked").hasSize(1);
        assertThat(TestKafka.collect(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().memberVkId() == member, Duration.ofSeconds(1))).hasSize(4);
    }

    @Test
    void manyMembersInOnePollAreSettledTogetherEachInOrder() throws Exception {
        // Stored under one key, so that they share a partition and most likely a poll: the members' slot changes
        // are settled in chains at once, each member's in order.
        List<Long> members = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            members.add(consentingMember());
        }
        long post = 90_000 + System.nanoTime() % 9_000;
        List<VkCallbackReceived> stored = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (long member : members) {
                long liked = post + round;
                stored.add(stored(callback("like_add_post.json",
                        o -> o.put("liker_id", member).put("object_id", liked))));
                if (round == 1 && member % 2 == 0) {
                    stored.add(stored(callback("like_remove_post.json",
                            o -> o.put("liker_id", member).put("object_id", liked))));
                }
            }
        }
        TestKafka.sendAll(Topics.VK_CALLBACKS, "members-" + post, stored);

        int expected = members.stream().mapToInt(member -> member % 2 == 0 ? 4 : 3).sum();
        List<AwardCommand> commands = TestKafka.await(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> members.contains(r.value().memberVkId()), expected, WAIT).stream()
                .map(ConsumerRecord::value).toList();
        for (long member : members) {
            String key = "vk:229000001:like:" + member + ":post:-229000001_";
            List<String> expectedKeys = member % 2 == 0
                    ? List.of(key + post, key + (post + 1), key + (post + 1) + ":reversal", key + (post + 2))
                    : List.of(key + post, key + (post + 1), key + (post + 2));
            assertThat(commands).filteredOn(c -> c.memberVkId() == member).extracting(AwardCommand::idempotencyKey)
                    .as("member %d", member).containsExactlyElementsOf(expectedKeys);
        }
        assertThat(TestKafka.collect(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> members.contains(r.value().memberVkId()), QUIET)).hasSize(expected);
    }

    /** A callback as the intake stores it on {@code vk-callbacks}. */
    private static VkCallbackReceived stored(String callback) throws Exception {
        var root = JSON.readTree(callback);
        return new VkCallbackReceived(root.get("group_id").asLong(), root.get("event_id").asText(),
                root.get("type").asText(), Instant.now(), callback);
    }

    @Test
    void deletingACommentReversesItsAwardWhoeverDeletesItAndRestoringAwardsAgain() throws Exception {
        long member = consentingMember();
        long commentId = 80_000 + System.nanoTime() % 10_000;
        CallbackIntakeTest.post(callback("wall_reply_new.json", o -> o.put("from_id", member).put("id", commentId)))
                .then().statusCode(200);
        TestKafka.await(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().memberVkId() == member, 1, WAIT);
        // Deleted by a community admin, who is not a member. Callbacks are keyed by who acts, so the admin's deletion
        // and the member's restore are on different partitions, in no set order: the restore is sent once the
        // reversal is out, as VK sends it after the deletion.
        CallbackIntakeTest.post(callback("wall_reply_delete.json", o -> o.put("deleter_id", 51200345).put("id", commentId)))
                .then().statusCode(200);
        TestKafka.await(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().memberVkId() == member, 2, WAIT);
        CallbackIntakeTest.post(callback("wall_reply_restore.json", o -> o.put("from_id", member).put("id", commentId)))
                .then().statusCode(200);

        List<AwardCommand> commands = TestKafka.await(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().memberVkId() == member, 3, WAIT).stream().map(ConsumerRecord::value).toList();
        String key = "vk:229000001:substantive_comment:" + member + ":comment:-229000001_" + commentId;
        assertThat(commands).extracting(AwardCommand::idempotencyKey)
                .containsExactly(key, key + ":reversal", key + ":2");
        assertThat(commands.get(1).reason()).isEqualTo("комментарий к посту 1201 удалён");
        assertThat(commands.get(1).points()).isEqualTo(5);
    }

    @Test
    void aSecondSubstantiveCommentWithinTheCooldownEarnsNothingEver() throws Exception {
        long member = consentingMember();
        long first = 81_000 + System.nanoTime() % 9_000;
        CallbackIntakeTest.post(callback("wall_reply_new.json", o -> o.put("from_id", member).put("id", first)))
                .then().statusCode(200);
        String second = callback("wall_reply_new.json", o -> o.put("from_id", member).put("id", first + 1));
        CallbackIntakeTest.post(second).then().statusCode(200);
        await().atMost(WAIT).until(() -> processed(JSON.readTree(second).get("event_id").asText()));

        assertThat(TestKafka.collect(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().memberVkId() == member, QUIET))
                .extracting(r -> r.value().idempotencyKey())
                .containsExactly("vk:229000001:substantive_comment:" + member + ":comment:-229000001_" + first);
    }

    @Test
    void likesStopEarningAtTheDailyCap() throws Exception {
        long member = consentingMember();
        String last = null;
        for (int post = 1; post <= 52; post++) {
            int postId = 200_000 + post;
            last = callback("like_add_post.json", o -> o.put("liker_id", member).put("object_id", postId));
            CallbackIntakeTest.post(last).then().statusCode(200);
        }
        String lastEvent = JSON.readTree(last).get("event_id").asText();
        await().atMost(WAIT).until(() -> processed(lastEvent));
        assertThat(TestKafka.collect(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().memberVkId() == member, QUIET)).hasSize(50);
    }

    @Test
    void aBurstOfActionsIsHeldForHrNotDropped() throws Exception {
        long member = consentingMember();
        String last = null;
        for (int post = 1; post <= 22; post++) {
            int postId = 300_000 + post;
            last = callback("like_add_post.json", o -> o.put("liker_id", member).put("object_id", postId));
            CallbackIntakeTest.post(last).then().statusCode(200);
        }
        String lastEvent = JSON.readTree(last).get("event_id").asText();
        await().atMost(WAIT).until(() -> processed(lastEvent));
        List<AwardCommand> commands = TestKafka.collect(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().memberVkId() == member, QUIET).stream().map(ConsumerRecord::value).toList();
        assertThat(commands).hasSize(22);
        assertThat(commands).filteredOn(c -> c.type() == AwardCommand.Type.AWARD).hasSize(20);
        assertThat(commands).filteredOn(c -> c.type() == AwardCommand.Type.HOLD).hasSize(2)
                .allSatisfy(c -> assertThat(c.reason()).contains("на проверке HR: серия:"));
    }

    @Test
    void likeUnlikeCyclingHoldsTheNextAwardForHr() throws Exception {
        long member = consentingMember();
        for (int post = 1; post <= 5; post++) {
            int postId = 310_000 + post;
            CallbackIntakeTest.post(callback("like_add_post.json", o -> o.put("liker_id", member)
                    .put("object_id", postId))).then().statusCode(200);
            CallbackIntakeTest.post(callback("like_remove_post.json", o -> o.put("liker_id", member)
                    .put("object_id", postId))).then().statusCode(200);
        }
        String next = callback("like_add_post.json", o -> o.put("liker_id", member).put("object_id", 310_006));
        CallbackIntakeTest.post(next).then().statusCode(200);
        await().atMost(WAIT).until(() -> processed(JSON.readTree(next).get("event_id").asText()));
        List<AwardCommand> commands = TestKafka.collect(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().memberVkId() == member, QUIET).stream().map(ConsumerRecord::value).toList();
        assertThat(commands).filteredOn(c -> c.type() == AwardCommand.Type.AWARD).hasSize(5);
        assertThat(commands).filteredOn(c -> c.type() == AwardCommand.Type.REVERSE).hasSize(5);
        assertThat(commands).filteredOn(c -> c.type() == AwardCommand.Type.HOLD).singleElement()
                .satisfies(c -> assertThat(c.reason()).endsWith("(на проверке HR: частые отмены: 5 отмен отметок "
                        + "за 10 мин)"));
        assertThat(given().get("/q/metrics").then().extract().asString())
                .containsPattern("vklad_activity_flags_total\\{flag=\"cycling\"[^}]*} [1-9]");
    }

    @Test
    void likingEveryPostOfOneColleagueTheMomentItAppearsIsHeldForHr() throws Exception {
        long author = consentingMember();
        long fan = consentingMember();
        long now = Instant.now().getEpochSecond();
        for (int i = 1; i <= 5; i++) {
            int postId = 330_000 + (int) (author % 10_000) * 10 + i;
            String post = callback("wall_post_new.json", o -> o.put("id", postId).put("from_id", author)
                    .put("date", now));
            CallbackIntakeTest.post(post).then().statusCode(200);
            await().atMost(WAIT).until(() -> processed(JSON.readTree(post).get("event_id").asText()));
            String like = callback("like_add_post.json", o -> o.put("liker_id", fan).put("object_id", postId));
            CallbackIntakeTest.post(like).then().statusCode(200);
            await().atMost(WAIT).until(() -> processed(JSON.readTree(like).get("event_id").asText()));
        }
        List<AwardCommand> commands = TestKafka.collect(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().memberVkId() == fan, QUIET).stream().map(ConsumerRecord::value).toList();
        assertThat(commands).filteredOn(c -> c.type() == AwardCommand.Type.AWARD).hasSize(4);
        assertThat(commands).filteredOn(c -> c.type() == AwardCommand.Type.HOLD).singleElement()
                .satisfies(c -> assertThat(c.reason()).endsWith("(на проверке HR: отметки почти всех публикаций "
                        + "одного автора в первые 10 с: 5 из 5 за 30 дн.)"));

        // Erasure forgets the traces the checks keep, of the fan and of the author.
        assertThat(exists("SELECT 1 FROM member_quick_like WHERE member_vk_id = ?", fan)).isTrue();
        TestKafka.send(Topics.MEMBERS, String.valueOf(fan), null);
        TestKafka.send(Topics.MEMBERS, String.valueOf(author), null);
        await().atMost(WAIT).until(() -> !exists("SELECT 1 FROM member_quick_like WHERE member_vk_id = ?", fan)
                && !exists("SELECT 1 FROM member_first_award WHERE member_vk_id = ?", fan)
                && !exists("SELECT 1 FROM member_rule_usage WHERE member_vk_id = ?", fan)
                && !exists("SELECT 1 FROM member_award_log WHERE member_vk_id = ?", fan)
                && !exists("SELECT 1 FROM content_author WHERE author_vk_id = ?", author)
                && !exists("SELECT 1 FROM award_slot WHERE member_vk_id = ?", fan)
                && !exists("SELECT 1 FROM award_slot_event WHERE subject LIKE ?", fan + ":%"));
    }

    @Test
    void aNewcomerEarningFastIsHeldWithEveryReasonThatApplies() throws Exception {
        long member = consentingMember();
        String last = null;
        for (int post = 1; post <= 42; post++) {
            int postId = 320_000 + post;
            last = callback("like_add_post.json", o -> o.put("liker_id", member).put("object_id", postId));
            CallbackIntakeTest.post(last).then().statusCode(200);
        }
        String lastEvent = JSON.readTree(last).get("event_id").asText();
        await().atMost(WAIT).until(() -> processed(lastEvent));
        List<AwardCommand> holds = TestKafka.collect(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().memberVkId() == member && r.value().type() == AwardCommand.Type.HOLD, QUIET).stream()
                .map(ConsumerRecord::value).toList();
        assertThat(holds).hasSize(22);
        assertThat(holds).filteredOn(c -> c.reason().contains("новый участник: ")).hasSize(2)
                .allSatisfy(c -> assertThat(c.reason()).contains("серия: ").contains("; новый участник: 4")
                        .contains("-е начисление за первые 3 дн.)"));
    }

    @Test
    void aRuleChangeFromTheGatewayAppliesToLaterActions() throws Exception {
        TestKafka.send(Topics.EARNING_RULES, "poll_vote:2", new EarningRuleChanged("poll_vote", 2, "Участие в опросе",
                5, 3, 5, Instant.now().minusSeconds(1), "hr.admin", Instant.now()));
        await().atMost(WAIT).until(() -> exists("SELECT 1 FROM earning_rule_version WHERE rule_id = ? AND version = 2",
                "poll_vote"));
        long member = consentingMember();
        CallbackIntakeTest.post(callback("poll_vote_new.json", o -> o.put("user_id", member))).then().statusCode(200);

        AwardCommand award = TestKafka.await(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().memberVkId() == member, 1, WAIT).get(0).value();
        assertThat(award.points()).isEqualTo(5);
        assertThat(award.ruleVersion()).isEqualTo(2);
    }

    @Test
    void theCapsARuleVersionStatesAreKeptAndApplyFromItsEffectiveTime() throws Exception {
        // Far in the future, so no other action of the build is capped by it.
        Instant from = Instant.parse("2099-01-01T00:00:00Z");
        TestKafka.send(Topics.EARNING_RULES, "repost:90", new EarningRuleChanged("repost", 90, "Репост публикации",
                10, 10, 15, from, "hr.admin", Instant.now(), new EarningRuleChanged.Limits(2, 0, 300),
                Map.of(229000002L, new EarningRuleChanged.Limits(1, 3, 0))));
        await().atMost(WAIT).until(() -> exists("SELECT 1 FROM earning_rule_version WHERE rule_id = ? AND version = 90"
                + " AND per_day = 2 AND per_week = 0 AND cooldown_seconds = 300", "repost"));
        EarningLimits stated = new EarningLimits(2, 0, Duration.ofSeconds(300));
        EarningLimits customers = new EarningLimits(1, 3, Duration.ZERO);
        assertThat(rules.current().limits("repost", from, 229000001L)).contains(stated);
        assertThat(rules.current().limits("repost", from, 229000002L)).contains(customers);
        assertThat(rules.current().limits("repost", from.minusSeconds(1), 229000001L))
                .contains(new EarningLimits(5, 20, Duration.ZERO));
        // After a restart the stored versions are read back with their caps.
        assertThat(ruleVersions.all().await().atMost(WAIT)).anyMatch(rule -> rule.version() == 90
                && stated.equals(rule.limits()) && rule.communityLimits().equals(Map.of(229000002L, customers)));
    }

    /** A fresh VK user who consents, followed by the service from the members topic. */
    private long consentingMember() {
        return ConsentingMembers.fresh(dataSource, 53_000_000L);
    }

    /** A sample with a fresh event id and the object fields changed by {@code edit}. */
    private static String callback(String sample, Consumer<ObjectNode> edit) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(CallbackIntakeTest.sample(sample));
        root.put("event_id", UUID.randomUUID().toString().replace("-", ""));
        edit.accept((ObjectNode) root.get("object"));
        return root.toString();
    }

    private boolean processed(String eventId) throws Exception {
        return exists("SELECT 1 FROM processed_callback WHERE event_id = ?", eventId);
    }

    private boolean exists(String sql, Object parameter) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, parameter);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }
}
