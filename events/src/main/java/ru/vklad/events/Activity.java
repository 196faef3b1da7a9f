package ru.vklad.events;

import java.time.Instant;

/**
 * One thing a member did, published to {@link Topics#ACTIVITIES} under the member's VK user id. Only activities of
 * consenting members are published.
 *
 * @param activityId     unique and stable: {@code <community>:<VK event id>}, so a VK retry is the same activity
 * @param vkUserId       the member who acted
 * @param object         what was acted on; null for joins, leaves and messages permissions
 * @param objectAuthorId the author of that object when the event names it (a comment's or post's author)
 * @param text           the text of a comment, post or message (personal data: kept only as configured)
 * @param ideaCandidate  a post tagged #идея or a suggested post, for the gateway's idea workflow
 * @param payload        a bot keyboard button's payload, for {@link ActivityType#BOT_MESSAGE}
 * @param audience       whose community it happened in, {@code employees} or {@code customers} (engagement rates
 *                       divide by that audience); null in activities published before it was stated
 * @param substantive    for a comment written, edited or restored: whether it passes the earning rules'
 *                       substantive-comment test (a sticker-only comment does not); null for anything else and in
 *                       activities published before it was stated
 */
public record Activity(
        String activityId,
        long communityId,
        ActivityType type,
        long vkUserId,
        VkObject object,
        Long objectAuthorId,
        String text,
        boolean ideaCandidate,
        String payload,
        int attachments,
        Instant occurredAt,
        String audience,
        Boolean substantive) {

    /** An activity whose community's audience is not stated. */
    public Activity(String activityId, long communityId, ActivityType type, long vkUserId, VkObject object,
                    Long objectAuthorId, String text, boolean ideaCandidate, String payload, int attachments,
                    Instant occurredAt) {
        this(activityId, communityId, type, vkUserId, object, objectAuthorId, text, ideaCandidate, payload,
                attachments, occurredAt, null, null);
    }

    /** An activity that does not say whether a comment is substantive. */
    public Activity(String activityId, long communityId, ActivityType type, long vkUserId, VkObject object,
                    Long objectAuthorId, String text, boolean ideaCandidate, String payload, int attachments,
                    Instant occurredAt, String audience) {
        this(activityId, communityId, type, vkUserId, object, objectAuthorId, text, ideaCandidate, payload,
                attachments, occurredAt, audience, null);
    }

    public Activity withAudience(String audience) {
        return new Activity(activityId, communityId, type, vkUserId, object, objectAuthorId, text, ideaCandidate,
                payload, attachments, occurredAt, audience, substantive);
    }

    public Activity withSubstantive(Boolean substantive) {
        return new Activity(activityId, communityId, type, vkUserId, object, objectAuthorId, text, ideaCandidate,
                payload, attachments, occurredAt, audience, substantive);
    }

    /** A comment written, edited or restored: one the substantive-comment test applies to. */
    public boolean writesComment() {
        return type == ActivityType.COMMENT_ADDED || type == ActivityType.COMMENT_EDITED
                || type == ActivityType.COMMENT_RESTORED;
    }
}
