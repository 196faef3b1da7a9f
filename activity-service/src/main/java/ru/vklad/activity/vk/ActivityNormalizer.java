package ru.vklad.activity.vk;

import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ru.vklad.events.Activity;
import ru.vklad.events.ActivityType;
import ru.vklad.events.VkCallbackReceived;
import ru.vklad.events.VkObject;

/**
 * Turns a raw VK Callback API event into the activity it describes. Pure: the same callback always gives the
 * same activity, so a replay of {@code vk-callbacks} rebuilds the same activities.
 */
public final class ActivityNormalizer {

    public static final String IDEA_TAG = "#идея";

    private final ObjectMapper mapper;

    public ActivityNormalizer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The activity, or empty for an event type that describes none (e.g. {@code confirmation}). */
    public Optional<Activity> normalize(VkCallbackReceived callback) {
        JsonNode root;
        try {
            root = mapper.readTree(callback.body());
        } catch (IOException e) {
            throw new UnusableCallbackException(callback, "body is not JSON");
        }
        JsonNode object = root.path("object");
        Builder activity = new Builder(callback, object);
        return Optional.ofNullable(switch (callback.type()) {
            case "like_add", "like_remove" -> activity.build(
                    callback.type().equals("like_add") ? ActivityType.LIKE_ADDED : ActivityType.LIKE_REMOVED,
                    required(callback, object, "liker_id"),
                    new VkObject(text(object, "object_type", "post"), required(callback, object, "object_owner_id"),
                            required(callback, object, "object_id"), positive(object, "post_id")),
                    null);
            case "wall_reply_new", "wall_reply_edit", "wall_reply_restore" -> comment(callback, object, activity,
                    "comment", "owner_id", "post_id");
            case "photo_comment_new", "photo_comment_edit", "photo_comment_restore" -> comment(callback, object,
                    activity, "photo_comment", "photo_owner_id", "photo_id");
            case "board_post_new", "board_post_edit", "board_post_restore" -> comment(callback, object, activity,
                    "topic_comment", "topic_owner_id", "topic_id");
            case "wall_reply_delete" -> activity.build(ActivityType.COMMENT_DELETED,
                    longOr(object, "deleter_id", 0),
                    new VkObject("comment", required(callback, object, "owner_id"), required(callback, object, "id"),
                            positive(object, "post_id")), null);
            case "photo_comment_delete" -> activity.build(ActivityType.COMMENT_DELETED,
                    longOr(object, "deleter_id", 0),
                    new VkObject("photo_comment", required(callback, object, "photo_owner_id"),
                            required(callback, object, "id"), positive(object, "photo_id")), null);
            case "board_post_delete" -> activity.build(ActivityType.COMMENT_DELETED, 0,
                    new VkObject("topic_comment", required(callback, object, "topic_owner_id"),
                            required(callback, object, "id"), positive(object, "topic_id")), null);
            case "wall_repost" -> repost(callback, object, activity);
            case "poll_vote_new" -> activity.withPayload(String.valueOf(required(callback, object, "option_id")))
                    .build(ActivityType.POLL_VOTE, required(callback, object, "user_id"),
                            new VkObject("poll", required(callback, object, "owner_id"),
                                    required(callback, object, "poll_id"), null), null);
            case "wall_post_new" -> post(callback, object, activity);
            case "group_join" -> activity.build(ActivityType.MEMBER_JOINED, required(callback, object, "user_id"),
                    null, null);
            case "group_leave" -> activity.build(ActivityType.MEMBER_LEFT, required(callback, object, "user_id"),
                    null, null);
            case "message_allow" -> activity.build(ActivityType.MESSAGES_ALLOWED,
                    required(callback, object, "user_id"), null, null);
            case "message_deny" -> activity.build(ActivityType.MESSAGES_DENIED, required(callback, object, "user_id"),
                    null, null);
            case "message_new" -> {
                JsonNode message = object.path("message");
                yield new Builder(callback, message)
                        .withText(text(message, "text", ""))
                        .withPayload(message.hasNonNull("payload") ? message.get("payload").asText() : null)
                        .build(ActivityType.BOT_MESSAGE, required(callback, message, "from_id"), null, null);
            }
            default -> null;
        });
    }

    private static Activity comment(VkCallbackReceived callback, JsonNode object, Builder activity, String kind,
                                    String ownerField, String parentField) {
        ActivityType type = switch (callback.type().substring(callback.type().lastIndexOf('_') + 1)) {
            case "new" -> ActivityType.COMMENT_ADDED;
            case "edit" -> ActivityType.COMMENT_EDITED;
            default -> ActivityType.COMMENT_RESTORED;
        };
        long author = required(callback, object, "from_id");
        return activity.withText(text(object, "text", ""))
                .build(type, author, new VkObject(kind, required(callback, object, ownerField),
                        required(callback, object, "id"), positive(object, parentField)), author);
    }

    private static Activity repost(VkCallbackReceived callback, JsonNode object, Builder activity) {
        JsonNode original = object.path("copy_history").path(0);
        if (original.isMissingNode()) {
            throw new UnusableCallbackException(callback, "wall_repost without copy_history");
        }
        long reposter = object.hasNonNull("from_id") ? object.get("from_id").asLong()
                : required(callback, object, "owner_id");
        long originalAuthor = longOr(original, "from_id", 0);
        return activity.build(ActivityType.REPOST, reposter,
                new VkObject("post", required(callback, original, "owner_id"), required(callback, original, "id"), null),
                originalAuthor > 0 ? originalAuthor : null);
    }

    private static Activity post(VkCallbackReceived callback, JsonNode object, Builder activity) {
        long from = required(callback, object, "from_id");
        // A post made "as the community" is the admin's (created_by), not a member's contribution of their own.
        long author = from > 0 ? from : longOr(object, "created_by", 0);
        String text = text(object, "text", "");
        boolean suggested = "suggest".equals(text(object, "post_type", "post"));
        boolean tagged = text.toLowerCase(Locale.ROOT).contains(IDEA_TAG);
        return activity.withText(text).withIdea(suggested || (tagged && from > 0))
                .build(ActivityType.POST_PUBLISHED, author,
                        new VkObject("post", required(callback, object, "owner_id"), required(callback, object, "id"),
                                null), author > 0 ? author : null);
    }

    private static long required(VkCallbackReceived callback, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong()) {
            throw new UnusableCallbackException(callback, "'" + field + "' is missing or not a number");
        }
        return value.asLong();
    }

    private static long longOr(JsonNode node, String field, long fallback) {
        JsonNode value = node.get(field);
        return value != null && value.canConvertToLong() ? value.asLong() : fallback;
    }

    private static Long positive(JsonNode node, String field) {
        long value = longOr(node, field, 0);
        return value > 0 ? value : null;
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : fallback;
    }

    /** Collects the parts every activity shares, then the parts only some have. */
    private static final class Builder {

        private final VkCallbackReceived callback;
        private final JsonNode object;
        private String text;
        private boolean idea;
        private String payload;

        Builder(VkCallbackReceived callback, JsonNode object) {
            this.callback = callback;
            this.object = object;
        }

        Builder withText(String value) {
            this.text = value;
            return this;
        }

        Builder withIdea(boolean value) {
            this.idea = value;
            return this;
        }

        Builder withPayload(String value) {
            this.payload = value;
            return this;
        }

        Activity build(ActivityType type, long actor, VkObject target, Long author) {
            long date = longOr(object, "date", 0);
            Instant occurredAt = date > 0 ? Instant.ofEpochSecond(date) : callback.receivedAt();
            int attachments = object.path("attachments").isArray() ? object.path("attachments").size() : 0;
            return new Activity(callback.communityId() + ":" + callback.eventId(), callback.communityId(), type, actor,
                    target, author, text, idea, payload, attachments, occurredAt);
        }
    }
}
