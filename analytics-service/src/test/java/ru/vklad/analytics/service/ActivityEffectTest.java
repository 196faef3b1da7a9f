package ru.vklad.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import ru.vklad.events.Activity;
import ru.vklad.events.ActivityType;
import ru.vklad.events.VkObject;

class ActivityEffectTest {

    private static final long GROUP = 229000001L;

    @Test
    void aCommentCountsForItsPostAndItsDeletionTakesItBack() {
        VkObject comment = new VkObject("comment", -GROUP, 77, 1201L);
        ActivityEffect added = ActivityEffect.of(activity(ActivityType.COMMENT_ADDED, comment, null)).orElseThrow();
        assertThat(added.action()).isEqualTo("comment");
        assertThat(added.objectKey()).isEqualTo("post:-229000001_1201");
        assertThat(added.comments()).isEqualTo(1);
        ActivityEffect deleted = ActivityEffect.of(activity(ActivityType.COMMENT_DELETED, comment, null)).orElseThrow();
        assertThat(deleted.action()).as("a removal is no action of the member").isNull();
        assertThat(deleted.comments()).isEqualTo(-1);
    }

    @Test
    void aPollVoteNamesThePollAndTheOption() {
        ActivityEffect vote = ActivityEffect.of(activity(ActivityType.POLL_VOTE, new VkObject("poll", -GROUP, 880012, null),
                "3109")).orElseThrow();
        assertThat(vote.objectKey()).isEqualTo("poll:-229000001_880012");
        assertThat(vote.pollOption()).isEqualTo(3109L);
        assertThat(vote.votes()).isEqualTo(1);
    }

    @Test
    void likesCountForWhatWasLikedAndJoinsChangeNothing() {
        ActivityEffect like = ActivityEffect.of(activity(ActivityType.LIKE_ADDED, new VkObject("comment", -GROUP, 77, 1201L),
                null)).orElseThrow();
        assertThat(like.objectKey()).isEqualTo("comment:-229000001_77");
        assertThat(ActivityEffect.of(activity(ActivityType.MEMBER_JOINED, null, null))).isEmpty();
    }

    private static Activity activity(ActivityType type, VkObject object, String payload) {
        return new Activity(GROUP + ":e", GROUP, type, 7, object, null, null, false, payload, 0, Instant.now());
    }
}
