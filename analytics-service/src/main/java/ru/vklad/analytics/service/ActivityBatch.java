package ru.vklad.analytics.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a batch of activities, each applied for the first time, changes in the read models, folded so that each
 * row is written once per batch: actions per member, day and action; counters per post; engaged members; each
 * member's latest vote per poll. Comment changes keep their order: a comment changed twice in one batch is in two
 * rounds. Rows that consumers of other partitions write too (a post's counters) are listed in key order, so that
 * concurrent transactions lock them in the same order and never deadlock one another; engaged members are keyed by
 * member, which partitions keep apart. No I/O.
 */
public final class ActivityBatch {

    /** One activity to apply: its effects (either may be null) and the company day it happened on. */
    public record Item(String activityId, long vkUserId, LocalDate day, ActivityEffect effect, CommentChange comment) {
    }

    public record ActionKey(long vkUserId, LocalDate day, String action) {
    }

    public record PostDelta(String objectKey, long communityId, int likes, int comments, int reposts, int votes,
                            Instant firstActivity, Instant lastActivity, String audience) {

        PostDelta plus(ActivityEffect effect) {
            return new PostDelta(objectKey, communityId, likes + effect.likes(), comments + effect.comments(),
                    reposts + effect.reposts(), votes + effect.votes(),
                    effect.occurredAt().isBefore(firstActivity) ? effect.occurredAt() : firstActivity,
                    effect.occurredAt().isAfter(lastActivity) ? effect.occurredAt() : lastActivity,
                    audience != null ? audience : effect.audience());
        }
    }

    public record Engager(String objectKey, long vkUserId) {
    }

    public record Vote(String pollKey, long vkUserId, long option, Instant votedAt) {
    }

    public record CommentItem(long vkUserId, LocalDate day, CommentChange change) {
    }

    private final Map<ActionKey, Integer> actions = new LinkedHashMap<>();
    private final Map<String, PostDelta> posts = new LinkedHashMap<>();
    private final Set<Engager> engagers = new HashSet<>();
    private final Map<Engager, Vote> votes = new LinkedHashMap<>();
    private final List<List<CommentItem>> commentRounds = new ArrayList<>();

    private ActivityBatch() {
    }

    public static ActivityBatch of(List<Item> items) {
        ActivityBatch batch = new ActivityBatch();
        Map<String, Integer> changesOfComment = new HashMap<>();
        for (Item item : items) {
            if (item.effect() != null) {
                batch.add(item.vkUserId(), item.day(), item.effect());
            }
            if (item.comment() != null) {
                int round = changesOfComment.merge(item.comment().commentKey(), 1, Integer::sum) - 1;
                if (round == batch.commentRounds.size()) {
                    batch.commentRounds.add(new ArrayList<>());
                }
                batch.commentRounds.get(round).add(new CommentItem(item.vkUserId(), item.day(), item.comment()));
            }
        }
        return batch;
    }

    private void add(long vkUserId, LocalDate day, ActivityEffect effect) {
        if (effect.action() != null) {
            actions.merge(new ActionKey(vkUserId, day, effect.action()), 1, Integer::sum);
        }
        if (effect.objectKey() != null) {
            posts.merge(effect.objectKey(), new PostDelta(effect.objectKey(), effect.communityId(), effect.likes(),
                    effect.comments(), effect.reposts(), effect.votes(), effect.occurredAt(), effect.occurredAt(),
                    effect.audience()),
                    (delta, ignored) -> delta.plus(effect));
        }
        if (effect.engages()) {
            engagers.add(new Engager(effect.objectKey(), vkUserId));
        }
        if (effect.pollOption() != null) {
            // The latest vote wins; of two at the same moment, the later in the batch (as one at a time would).
            votes.merge(new Engager(effect.objectKey(), vkUserId),
                    new Vote(effect.objectKey(), vkUserId, effect.pollOption(), effect.occurredAt()),
                    (earlier, later) -> later.votedAt().isBefore(earlier.votedAt()) ? earlier : later);
        }
    }

    public Map<ActionKey, Integer> actions() {
        return actions;
    }

    /** In key order. */
    public List<PostDelta> posts() {
        return posts.values().stream().sorted(Comparator.comparing(PostDelta::objectKey)).toList();
    }

    public List<Engager> engagers() {
        return List.copyOf(engagers);
    }

    public List<Vote> votes() {
        return List.copyOf(votes.values());
    }

    /** Comment changes in rounds: each comment at most once per round, its changes in order across rounds. */
    public List<List<CommentItem>> commentRounds() {
        return commentRounds;
    }
}
