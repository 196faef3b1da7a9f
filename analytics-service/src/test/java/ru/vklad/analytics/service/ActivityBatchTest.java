package ru.vklad.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import ru.vklad.events.Activity;
import ru.vklad.events.ActivityType;
import ru.vklad.events.VkObject;

class ActivityBatchTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);
    private static final Instant AT = Instant.parse("2026-11-23T09:00:00Z");
    private static final VkObject POST = new VkObject("post", -229000001L, 1201, null);
    private static final VkObject POLL = new VkObject("poll", -229000001L, 880012, null);
    private static final ToneClassifier TONE = ToneClassifier.bundled();

    @Test
    void actionsAndPostCountersAreFoldedToOneChangePerRow() {
        ActivityBatch batch = ActivityBatch.of(List.of(
                item("1", ActivityType.LIKE_ADDED, 7, POST, null, AT),
                item("2", ActivityType.LIKE_ADDED, 8, POST, null, AT.plusSeconds(5)),
                item("3", ActivityType.LIKE_REMOVED, 8, POST, null, AT.plusSeconds(9)),
                item("4", ActivityType.LIKE_ADDED, 7, new VkObject("photo", -229000001L, 5, null), null, AT)));

        assertThat(batch.actions()).containsEntry(new ActivityBatch.ActionKey(7, DAY, "like"), 2)
                .containsEntry(new ActivityBatch.ActionKey(8, DAY, "like"), 1).hasSize(2);
        assertThat(batch.posts()).hasSize(2).last().satisfies(post -> {
            assertThat(post.objectKey()).isEqualTo(POST.key());
            assertThat(post.likes()).isEqualTo(1);
            assertThat(post.lastActivity()).isEqualTo(AT.plusSeconds(9));
            assertThat(post.audience()).isEqualTo("employees");
        });
        // Taking a like back still was engagement; each member once.
        assertThat(batch.engagers()).extracting(ActivityBatch.Engager::objectKey, ActivityBatch.Engager::vkUserId)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("photo:-229000001_5", 7L),
                        org.assertj.core.groups.Tuple.tuple(POST.key(), 7L),
                        org.assertj.core.groups.Tuple.tuple(POST.key(), 8L));
        // Posts, shared with other partitions' consumers, in key order (the photo's key sorts first).
        assertThat(batch.posts()).extracting(ActivityBatch.PostDelta::objectKey)
                .containsExactly("photo:-229000001_5", POST.key());
    }

    @Test
    void theLatestVoteOfAMemberWinsAndOnATieTheLaterOne() {
        ActivityBatch batch = ActivityBatch.of(List.of(
                vote("1", 7, 2, AT.plusSeconds(60)), vote("2", 7, 1, AT), vote("3", 8, 1, AT), vote("4", 8, 3, AT)));

        assertThat(batch.votes()).extracting(ActivityBatch.Vote::vkUserId, ActivityBatch.Vote::option)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(7L, 2L), org.assertj.core.groups.Tuple.tuple(8L, 3L));
    }

    @Test
    void changesOfOneCommentGoInRoundsInTheirOrder() {
        VkObject comment = new VkObject("comment", -229000001L, 5012, 1201L);
        VkObject other = new VkObject("comment", -229000001L, 5013, 1201L);
        ActivityBatch batch = ActivityBatch.of(List.of(
                item("1", ActivityType.COMMENT_ADDED, 7, comment, "Спасибо!", AT),
                item("2", ActivityType.COMMENT_ADDED, 8, other, "Когда начало?", AT),
                item("3", ActivityType.COMMENT_EDITED, 7, comment, "Спасибо, отлично!", AT.plusSeconds(1)),
                item("4", ActivityType.COMMENT_DELETED, 7, comment, null, AT.plusSeconds(2))));

        assertThat(batch.commentRounds()).hasSize(3);
        assertThat(batch.commentRounds().get(0)).extracting(c -> c.change().kind())
                .containsExactly(CommentChange.Kind.WRITTEN, CommentChange.Kind.WRITTEN);
        assertThat(batch.commentRounds().get(1)).extracting(c -> c.change().kind())
                .containsExactly(CommentChange.Kind.EDITED);
        assertThat(batch.commentRounds().get(2)).extracting(c -> c.change().kind())
                .containsExactly(CommentChange.Kind.DELETED);
        assertThat(batch.commentRounds().get(0).get(0).change().postKey()).isEqualTo(POST.key());
    }

    @Test
    void postedPointsFoldToOneChangePerMemberAndDay() {
        assertThat(PostedPoints.byDay(List.of(new PostedPoints("a", 7, DAY, 5, 5), new PostedPoints("b", 7, DAY, 500, 0),
                new PostedPoints("c", 7, DAY.plusDays(1), -5, -5))))
                .containsExactly(new PostedPoints.Day(7, DAY, 505, 5, 2), new PostedPoints.Day(7, DAY.plusDays(1), -5, -5, 1));
    }

    private static ActivityBatch.Item vote(String id, long member, long option, Instant at) {
        Activity activity = new Activity("g:" + id, 229000001L, ActivityType.POLL_VOTE, member, POLL, null, null, false,
                String.valueOf(option), 0, at, "employees");
        return new ActivityBatch.Item(activity.activityId(), member, DAY, ActivityEffect.of(activity).orElseThrow(), null);
    }

    private static ActivityBatch.Item item(String id, ActivityType type, long member, VkObject object, String text,
                                           Instant at) {
        Activity activity = new Activity("g:" + id, 229000001L, type, member, object, member, text, false, null, 0, at,
                "employees");
        return new ActivityBatch.Item(activity.activityId(), member, DAY, ActivityEffect.of(activity).orElse(null),
                CommentChange.of(activity, TONE).orElse(null));
    }
}
