package ru.vklad.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import ru.vklad.devstack.test.DevStackResource;
import ru.vklad.devstack.test.TestKafka;
import ru.vklad.events.Activity;
import ru.vklad.events.ActivityType;
import ru.vklad.events.AwardCommand;
import ru.vklad.events.Topics;
import ru.vklad.events.serde.ActivityDeserializer;
import ru.vklad.events.serde.AwardCommandDeserializer;

/**
 * The VK samples the other pipeline tests do not walk, each through the real endpoint and Kafka, as a fresh
 * consenting member: the answer, the typed activity, and the award it earns (or that it earns none).
 */
@QuarkusTest
@WithTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "vklad_activity"))
class CallbackSamplesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger IDS = new AtomicInteger(
            900_000 + Math.floorMod(UUID.randomUUID().hashCode(), 90_000));

    @Inject
    AgroalDataSource dataSource;

    /** Sample, the field naming the member, the activity it becomes, the rule it earns under (null: none), points. */
    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("board_post_new.json", "from_id", ActivityType.COMMENT_ADDED, "substantive_comment", 5),
                Arguments.of("wall_reply_new_threaded.json", "from_id", ActivityType.COMMENT_ADDED,
                        "substantive_comment", 5),
                Arguments.of("wall_reply_new_sticker.json", "from_id", ActivityType.COMMENT_ADDED, null, 0),
                Arguments.of("like_add_comment.json", "liker_id", ActivityType.LIKE_ADDED, "like", 1),
                Arguments.of("wall_repost.json", "from_id", ActivityType.REPOST, "repost", 10),
                Arguments.of("wall_post_new_with_poll.json", "created_by", ActivityType.POST_PUBLISHED, null, 0),
                Arguments.of("group_join.json", "user_id", ActivityType.MEMBER_JOINED, null, 0),
                Arguments.of("group_leave.json", "user_id", ActivityType.MEMBER_LEFT, null, 0),
                Arguments.of("message_allow.json", "user_id", ActivityType.MESSAGES_ALLOWED, null, 0),
                Arguments.of("message_deny.json", "user_id", ActivityType.MESSAGES_DENIED, null, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachSampleIsAnsweredTypedAndEarnsWhatItShould(String sample, String memberField, ActivityType type,
                                                        String rule, int points) throws Exception {
        long member = ConsentingMembers.fresh(dataSource, 55_000_000L);
        ObjectNode callback = (ObjectNode) JSON.readTree(CallbackIntakeTest.sample(sample));
        String eventId = UUID.randomUUID().toString().replace("-", "");
        callback.put("event_id", eventId);
        ObjectNode object = (ObjectNode) callback.get("object");
        object.put(memberField, member);
        // Fresh VK objects, so no other test's award slot is touched.
        for (String id : List.of("id", "object_id")) {
            if (object.has(id) && !sample.startsWith("message_")) {
                object.put(id, IDS.incrementAndGet());
            }
        }
        if (sample.equals("wall_repost.json")) {
            object.put("owner_id", member);
        }

        CallbackIntakeTest.post(callback.toString()).then().statusCode(200).body(equalTo("ok"));

        String activityId = callback.get("group_id").asLong() + ":" + eventId;
        Activity activity = TestKafka.await(Topics.ACTIVITIES, new ActivityDeserializer(),
                r -> r.value() != null && r.value().activityId().equals(activityId), 1, WAIT).get(0).value();
        assertThat(activity.type()).isEqualTo(type);
        assertThat(activity.vkUserId()).isEqualTo(member);
        assertThat(activity.audience()).as("the community's audience").isEqualTo("employees");
        if (type == ActivityType.COMMENT_ADDED) {
            assertThat(activity.substantive()).as("substantive by the awards' test").isEqualTo(rule != null);
        } else {
            assertThat(activity.substantive()).isNull();
        }
        List<AwardCommand> awards = TestKafka.collect(Topics.AWARD_COMMANDS, new AwardCommandDeserializer(),
                r -> r.value().memberVkId() == member, QUIET).stream().map(r -> r.value()).toList();
        if (rule == null) {
            assertThat(awards).isEmpty();
        } else {
            assertThat(awards).singleElement().satisfies(award -> {
                assertThat(award.type()).isEqualTo(AwardCommand.Type.AWARD);
                assertThat(award.ruleId()).isEqualTo(rule);
                assertThat(award.points()).isEqualTo((long) points);
            });
        }
    }
}
