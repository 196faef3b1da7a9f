package ru.vklad.analytics.service;

import java.time.Instant;
import java.util.Optional;

import ru.vklad.events.Activity;
import ru.vklad.events.ActivityType;
import ru.vklad.events.VkObject;

/**
 * What one activity changes in the read models: an action counted for the member, the reach counters of the post
 * (or poll) it concerns, and for a poll vote the option chosen. No I/O.
 *
 * @param action     the member's action, e.g. {@code like}; null when it is not a contribution (a removal, a join)
 * @param objectKey  the post or poll whose counters change, e.g. {@code post:-229000001_1201}; null for none
 * @param pollOption the option voted for
 * @param audience   the audience of the community it happened in, when the activity states it
 */
public record ActivityEffect(String action, String objectKey, long communityId, int likes, int comments, int reposts,
                             int votes, Long pollOption, Instant occurredAt, String audience) {

    /** A member engaged with the post: liked, commented, reposted or voted (not a removal or a restore). */
    public boolean engages() {
        return action != null && objectKey != null;
    }

    public static Optional<ActivityEffect> of(Activity activity) {
        VkObject object = activity.object();
        if (object == null && activity.type() != ActivityType.POST_PUBLISHED) {
            return Optional.empty();
        }
        long community = activity.communityId();
        Instant at = activity.occurredAt();
        String audience = activity.audience();
        return switch (activity.type()) {
            case LIKE_ADDED -> Optional.of(new ActivityEffect("like", object.key(), community, 1, 0, 0, 0, null, at, audience));
            case LIKE_REMOVED -> Optional.of(new ActivityEffect(null, object.key(), community, -1, 0, 0, 0, null, at, audience));
            case COMMENT_ADDED -> Optional.of(new ActivityEffect("comment", postKey(object), community, 0, 1, 0, 0, null,
                    at, audience));
            case COMMENT_RESTORED -> Optional.of(new ActivityEffect(null, postKey(object), community, 0, 1, 0, 0, null,
                    at, audience));
            case COMMENT_DELETED -> Optional.of(new ActivityEffect(null, postKey(object), community, 0, -1, 0, 0, null,
                    at, audience));
            case REPOST -> Optional.of(new ActivityEffect("repost", postKey(object), community, 0, 0, 1, 0, null, at, audience));
            case POLL_VOTE -> Optional.of(new ActivityEffect("poll_vote", object.key(), community, 0, 0, 0, 1,
                    option(activity.payload()), at, audience));
            case POST_PUBLISHED -> Optional.of(new ActivityEffect("post", null, community, 0, 0, 0, 0, null, at, audience));
            default -> Optional.empty();
        };
    }

    /**
     * A comment counts for what it was written under (a post, photo, video or board topic); a like for what was
     * liked (a post, photo, comment).
     */
    static String postKey(VkObject object) {
        if (object.postId() != null && object.kind().endsWith("comment")) {
            String parent = object.kind().equals("comment") ? "post" : object.kind().replace("_comment", "");
            return new VkObject(parent, object.ownerId(), object.postId(), null).key();
        }
        return object.key();
    }

    private static Long option(String payload) {
        try {
            return payload == null ? null : Long.valueOf(payload);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
