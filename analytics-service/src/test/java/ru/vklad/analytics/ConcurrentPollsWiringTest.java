package ru.vklad.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import ru.vklad.analytics.persistence.ActivityReadModel;
import ru.vklad.analytics.service.ActivityBatch;
import ru.vklad.analytics.service.ActivityEffect;
import ru.vklad.analytics.service.CommentChange;
import ru.vklad.analytics.service.ToneClassifier;
import ru.vklad.devstack.test.DevStackResource;
import ru.vklad.events.Activity;
import ru.vklad.events.ActivityType;
import ru.vklad.events.VkObject;

/**
 * The activities channel runs one consumer per partition (members apart, posts shared): their polls, applied in
 * concurrent transactions that write the same posts' counters and comment tones and terms in random orders of
 * arrival, neither deadlock (no retry here to hide one) nor lose a count.
 */
@QuarkusTest
@WithTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "vklad_analytics"))
class ConcurrentPollsWiringTest {

    private static final long GROUP = 229000001L;
    private static final int CONSUMERS = 3;
    private static final int POLLS = 12;
    private static final int PER_POLL = 150;
    private static final int POSTS = 8;
    private static final LocalDate DAY = LocalDate.of(2026, 10, 5);
    private static final Instant AT = Instant.parse("2026-10-05T09:00:00Z");

    @Inject
    ActivityReadModel activities;

    @Inject
    AgroalDataSource dataSource;

    private final ToneClassifier tone = ToneClassifier.bundled();

    @Test
    void pollsOfDifferentPartitionsSharingPostsApplyConcurrentlyAndCountEverything() throws Exception {
        long run = System.nanoTime() % 1_000_000;
        long firstPost = 40_000_000L + run * 10;
        Random random = new Random(run);
        Map<Long, int[]> expected = new HashMap<>(); // post: likes, comments
        Map<Long, Set<Long>> engaged = new HashMap<>();
        List<List<List<ActivityBatch.Item>>> consumers = new ArrayList<>();
        for (int consumer = 0; consumer < CONSUMERS; consumer++) {
            List<List<ActivityBatch.Item>> polls = new ArrayList<>();
            for (int poll = 0; poll < POLLS; poll++) {
                List<ActivityBatch.Item> items = new ArrayList<>();
                for (int i = 0; i < PER_POLL; i++) {
                    // Each consumer's own members, as partitions keyed by member give it; posts in random order.
                    long member = 90_000_000L + run * 100 + consumer * 10 + random.nextInt(10);
                    long post = firstPost + random.nextInt(POSTS);
                    String id = GROUP + ":concurrent-" + run + "-" + consumer + "-" + poll + "-" + i;
                    boolean comment = random.nextInt(4) == 0;
                    Activity activity = comment
                            ? activity(id, ActivityType.COMMENT_ADDED, member,
                                    new VkObject("comment", -GROUP, run * 100_000 + consumer * 10_000 + poll * 1_000 + i,
                                            post), "Спасибо, отличная идея про парковку")
                            : activity(id, ActivityType.LIKE_ADDED, member, new VkObject("post", -GROUP, post, null),
                                    null);
                    items.add(item(activity));
                    int[] counts = expected.computeIfAbsent(post, p -> new int[2]);
                    counts[comment ? 1 : 0]++;
                    engaged.computeIfAbsent(post, p -> new HashSet<>()).add(member);
                }
                Collections.shuffle(items, random);
                polls.add(items);
            }
            consumers.add(polls);
        }

        List<Uni<Void>> running = new ArrayList<>();
        for (List<List<ActivityBatch.Item>> polls : consumers) {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (List<ActivityBatch.Item> poll : polls) {
                chain = chain.chain(() -> activities.apply(poll).replaceWithVoid());
            }
            running.add(chain);
        }
        Uni.join().all(running).andFailFast().await().atMost(Duration.ofMinutes(2));

        for (Map.Entry<Long, int[]> post : expected.entrySet()) {
            long[] stored = counters("post:-" + GROUP + "_" + post.getKey());
            assertThat(stored[0]).as("likes of post %d", post.getKey()).isEqualTo(post.getValue()[0]);
            assertThat(stored[1]).as("comments of post %d", post.getKey()).isEqualTo(post.getValue()[1]);
            assertThat(stored[2]).as("engaged members of post %d", post.getKey())
                    .isEqualTo(engaged.get(post.getKey()).size()).isEqualTo(stored[3]);
            assertThat(stored[4]).as("toned comments of post %d", post.getKey()).isEqualTo(post.getValue()[1]);
        }
    }

    private ActivityBatch.Item item(Activity activity) {
        return new ActivityBatch.Item(activity.activityId(), activity.vkUserId(), DAY,
                ActivityEffect.of(activity).orElse(null), CommentChange.of(activity, tone).orElse(null));
    }

    private static Activity activity(String id, ActivityType type, long member, VkObject object, String text) {
        return new Activity(id, GROUP, type, member, object, member, text, false, null, 0, AT, "employees");
    }

    /** likes, comments, engaged members, members in post_engager, comments in the post's tone rows. */
    private long[] counters(String postKey) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("""
                SELECT p.likes, p.comments, p.engaged_members,
                       (SELECT count(*) FROM post_engager e WHERE e.object_key = p.object_key),
                       (SELECT coalesce(sum(t.comments), 0) FROM comment_tone_daily t WHERE t.post_key = p.object_key)
                FROM post_engagement p WHERE p.object_key = ?""")) {
            q.setString(1, postKey);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).as("post %s counted", postKey).isTrue();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)};
            }
        }
    }
}
