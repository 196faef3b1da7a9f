package ru.vklad.activity.vk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ru.vklad.events.Activity;
import ru.vklad.events.ActivityType;
import ru.vklad.events.VkCallbackReceived;
import ru.vklad.events.VkObject;

/** Every VK sample normalised without Quarkus. */
class ActivityNormalizerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long GROUP = 229000001L;
    private final ActivityNormalizer normalizer = new ActivityNormalizer(MAPPER);

    @Test
    void likeOfAPost() {
        Activity like = normalize("like_add_post.json");
        assertThat(like.type()).isEqualTo(ActivityType.LIKE_ADDED);
        assertThat(like.vkUserId()).isEqualTo(51200901L);
        assertThat(like.object()).isEqualTo(new VkObject("post", -GROUP, 1201, null));
        assertThat(like.activityId()).isEqualTo(GROUP + ":6d3f8c6f40516273d9eafbc13d4e5f6071829304");
        assertThat(normalize("like_remove_post.json").type()).isEqualTo(ActivityType.LIKE_REMOVED);
    }

    @Test
    void likeOfACommentKnowsItsPost() {
        Activity like = normalize("like_add_comment.json");
        assertThat(like.object()).isEqualTo(new VkObject("comment", -GROUP, 5402, 1201L));
    }

    @Test
    void commentsCarryTheirAuthorTextAndPost() {
        Activity comment = normalize("wall_reply_new.json");
        assertThat(comment.type()).isEqualTo(ActivityType.COMMENT_ADDED);
        assertThat(comment.vkUserId()).isEqualTo(51200902L).isEqualTo(comment.objectAuthorId());
        assertThat(comment.object()).isEqualTo(new VkObject("comment", -GROUP, 5402, 1201L));
        assertThat(comment.text()).startsWith("Отличная инициатива!");
        assertThat(comment.occurredAt()).isEqualTo(Instant.ofEpochSecond(1763899500));
        assertThat(normalize("wall_reply_edit.json").type()).isEqualTo(ActivityType.COMMENT_EDITED);
        assertThat(normalize("wall_reply_restore.json").type()).isEqualTo(ActivityType.COMMENT_RESTORED);
        assertThat(normalize("wall_reply_new_sticker.json").attachments()).isEqualTo(1);
        assertThat(normalize("wall_reply_new_threaded.json").object().postId()).isEqualTo(1201L);
    }

    @Test
    void deletionNamesTheDeleterAndTheComment() {
        Activity deletion = normalize("wall_reply_delete.json");
        assertThat(deletion.type()).isEqualTo(ActivityType.COMMENT_DELETED);
        assertThat(deletion.vkUserId()).isEqualTo(51200902L);
        assertThat(deletion.object()).isEqualTo(new VkObject("comment", -GROUP, 5402, 1201L));
    }

    @Test
    void boardCommentIsATopicComment() {
        Activity board = normalize("board_post_new.json");
        assertThat(board.type()).isEqualTo(ActivityType.COMMENT_ADDED);
        assertThat(board.object()).isEqualTo(new VkObject("topic_comment", -GROUP, 301, 40012L));
        assertThat(board.vkUserId()).isEqualTo(51200906L);
    }

    @Test
    void repostTargetsTheOriginalCommunityPost() {
        Activity repost = normalize("wall_repost.json");
        assertThat(repost.type()).isEqualTo(ActivityType.REPOST);
        assertThat(repost.vkUserId()).isEqualTo(51200905L);
        assertThat(repost.object()).isEqualTo(new VkObject("post", -GROUP, 1201, null));
        assertThat(repost.objectAuthorId()).isNull();
    }

    @Test
    void pollVoteCarriesTheOption() {
        Activity vote = normalize("poll_vote_new.json");
        assertThat(vote.type()).isEqualTo(ActivityType.POLL_VOTE);
        assertThat(vote.object()).isEqualTo(new VkObject("poll", -GROUP, 880012, null));
        assertThat(vote.payload()).isEqualTo("3109");
    }

    @Test
    void postsAndIdeas() {
        Activity communityPost = normalize("wall_post_new.json");
        assertThat(communityPost.type()).isEqualTo(ActivityType.POST_PUBLISHED);
        assertThat(communityPost.vkUserId()).as("posted as the community by its admin").isEqualTo(51200345L);
        assertThat(communityPost.ideaCandidate()).as("the community's own call for ideas is not an idea").isFalse();
        Activity suggested = normalize("wall_post_new_suggest_idea.json");
        assertThat(suggested.ideaCandidate()).isTrue();
        assertThat(suggested.vkUserId()).isEqualTo(51200777L);
        assertThat(normalize("wall_post_new_with_poll.json").attachments()).isEqualTo(1);
    }

    @Test
    void membershipMessagesAndBot() {
        assertThat(normalize("group_join.json").type()).isEqualTo(ActivityType.MEMBER_JOINED);
        assertThat(normalize("group_leave.json").type()).isEqualTo(ActivityType.MEMBER_LEFT);
        assertThat(normalize("message_allow.json").type()).isEqualTo(ActivityType.MESSAGES_ALLOWED);
        assertThat(normalize("message_deny.json").type()).isEqualTo(ActivityType.MESSAGES_DENIED);
        Activity message = normalize("message_new.json");
        assertThat(message.type()).isEqualTo(ActivityType.BOT_MESSAGE);
        assertThat(message.vkUserId()).isEqualTo(51200901L);
        assertThat(message.text()).isEqualTo("баланс");
    }

    @Test
    void eventsThatDescribeNoActivityGiveNone() {
        assertThat(normalizer.normalize(received("confirmation.json"))).isEmpty();
        assertThat(normalizer.normalize(received("unknown_type.json"))).isEmpty();
    }

    @Test
    void aHandledEventMissingItsFieldsIsUnusable() {
        VkCallbackReceived broken = new VkCallbackReceived(GROUP, "e1", "like_add", Instant.now(),
                "{\"type\":\"like_add\",\"object\":{\"object_type\":\"post\"}}");
        assertThatThrownBy(() -> normalizer.normalize(broken)).isInstanceOf(UnusableCallbackException.class)
                .hasMessageContaining("liker_id");
    }

    @Test
    void theSameCallbackAlwaysGivesTheSameActivity() {
        assertThat(normalize("wall_reply_new.json")).isEqualTo(normalize("wall_reply_new.json"));
    }

    private Activity normalize(String sample) {
        Optional<Activity> activity = normalizer.normalize(received(sample));
        assertThat(activity).as(sample).isPresent();
        return activity.get();
    }

    static VkCallbackReceived received(String sample) {
        try (InputStream in = ActivityNormalizerTest.class.getResourceAsStream("/vk/callbacks/" + sample)) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            JsonNode root = MAPPER.readTree(body);
            return new VkCallbackReceived(root.get("group_id").asLong(), root.path("event_id").asText(),
                    root.get("type").asText(), Instant.parse("2026-11-23T12:00:00Z"), body);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("Missing sample " + sample, e);
        }
    }
}
