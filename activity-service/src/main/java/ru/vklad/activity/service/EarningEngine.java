package ru.vklad.activity.service;

import java.util.Optional;

import ru.vklad.events.Activity;
import ru.vklad.events.AwardCommand;
import ru.vklad.events.VkObject;

/**
 * Decides which award an activity earns under the rules in force. Pure and deterministic: the same activity
 * always yields the same command and idempotency key, so VK retries, redelivery and replays of
 * {@code vk-callbacks} can never pay twice.
 */
public final class EarningEngine {

    public static final String SOURCE = "activity-service";

    private final RuleCatalog catalog;
    private final SubstantiveComment substantive;

    public EarningEngine(RuleCatalog catalog, SubstantiveComment substantive) {
        this.catalog = catalog;
        this.substantive = substantive;
    }

    /**
     * @param targetAuthor the author of what was acted on, when known: the liked or reposted post or comment, or
     *                     the post a comment was written under. Nobody earns for acting on their own content.
     */
    public Optional<AwardCommand> decide(Activity activity, Optional<Long> targetAuthor) {
        if (activity.object() == null || targetAuthor.filter(author -> author == activity.vkUserId()).isPresent()) {
            return Optional.empty();
        }
        return switch (activity.type()) {
            case LIKE_ADDED -> award(activity, RuleCatalog.LIKE, "за отметку «Мне нравится» " + describe(activity.object()));
            case COMMENT_ADDED, COMMENT_EDITED -> substantive.test(activity.text())
                    ? award(activity, RuleCatalog.COMMENT, "за содержательный комментарий " + describeParent(activity.object()))
                    : Optional.empty();
            case REPOST -> award(activity, RuleCatalog.REPOST, "за репост поста " + activity.object().id());
            case POLL_VOTE -> award(activity, RuleCatalog.POLL_VOTE, "за участие в опросе");
            default -> Optional.empty();
        };
    }

    private Optional<AwardCommand> award(Activity activity, String ruleId, String reason) {
        return catalog.rule(ruleId).map(rule -> new AwardCommand(
                activity.activityId() + ":" + rule.id(),
                idempotencyKey(activity, rule.id()),
                AwardCommand.Type.AWARD,
                activity.vkUserId(),
                rule.points(),
                rule.id(),
                rule.version(),
                reason,
                SOURCE,
                activity.occurredAt()));
    }

    /** One award per member, per object, per rule, ever: like, unlike and like again earns once. */
    static String idempotencyKey(Activity activity, String ruleId) {
        return "vk:" + activity.communityId() + ":" + ruleId + ":" + activity.vkUserId() + ":" + activity.object().key();
    }

    private static String describe(VkObject object) {
        return switch (object.kind()) {
            case "post" -> "к посту " + object.id();
            case "comment" -> "к комментарию к посту " + object.postId();
            case "photo" -> "к фотографии";
            case "video" -> "к видео";
            case "topic_comment" -> "к сообщению в обсуждении";
            default -> "к публикации";
        };
    }

    private static String describeParent(VkObject comment) {
        return switch (comment.kind()) {
            case "comment" -> "к посту " + comment.postId();
            case "photo_comment" -> "к фотографии";
            case "topic_comment" -> "в обсуждении";
            default -> "";
        };
    }
}
