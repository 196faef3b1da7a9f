package ru.vklad.activity.service;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import ru.vklad.events.Activity;
import ru.vklad.events.AwardCommand;
import ru.vklad.events.VkObject;

/**
 * Decides what an activity does to the award slot it belongs to, and the commands that settle a slot, under the
 * rules in force. Pure and deterministic: the same events always yield the same commands and idempotency keys, so
 * VK retries, redelivery, reordering and replays of {@code vk-callbacks} can never pay twice.
 */
public final class EarningEngine {

    public static final String SOURCE = "activity-service";

    private final Supplier<RuleCatalog> catalog;
    private final SubstantiveComment substantive;

    /** @param catalog the rules as they are known at the moment of asking (they change while the service runs) */
    public EarningEngine(Supplier<RuleCatalog> catalog, SubstantiveComment substantive) {
        this.catalog = catalog;
        this.substantive = substantive;
    }

    /**
     * How an activity changes the award slot it belongs to, if it earns, takes back or gives back anything.
     *
     * @param targetAuthor the author of what was acted on, when known: the liked or reposted content, or the post a
     *                     comment was written under. Nobody earns for acting on their own content.
     * @param commentAuthor for a deleted comment, its author when known (the event names only who deleted it)
     */
    public Optional<SlotChange> change(Activity activity, Optional<Long> targetAuthor, Optional<Long> commentAuthor) {
        VkObject object = activity.object();
        if (object == null) {
            return Optional.empty();
        }
        boolean ownContent = targetAuthor.filter(author -> author == activity.vkUserId()).isPresent();
        long actor = activity.vkUserId();
        String eventId = activity.activityId();
        return switch (activity.type()) {
            case LIKE_ADDED -> ownContent ? Optional.empty() : Optional.of(like(activity, SlotChange.Effect.EARN));
            case LIKE_REMOVED -> Optional.of(like(activity, SlotChange.Effect.TAKEBACK));
            case COMMENT_ADDED, COMMENT_EDITED -> ownContent || !substantive.test(activity.text())
                    ? Optional.empty()
                    : Optional.of(comment(activity, actor, SlotChange.Effect.EARN));
            case COMMENT_RESTORED -> Optional.of(comment(activity, actor, SlotChange.Effect.RETURN));
            case COMMENT_DELETED -> Optional.of(comment(activity, commentAuthor.orElse(null), SlotChange.Effect.TAKEBACK));
            case REPOST -> ownContent ? Optional.empty() : Optional.of(new SlotChange(activity.communityId(),
                    RuleCatalog.REPOST, actor + ":" + object.key(), object.key(), actor, AwardSlot.Style.ONCE,
                    SlotChange.Effect.EARN, eventId, "за репост поста " + object.id(), "репост поста отменён",
                    activity.occurredAt()));
            case POLL_VOTE -> Optional.of(new SlotChange(activity.communityId(), RuleCatalog.POLL_VOTE,
                    actor + ":" + object.key(), object.key(), actor, AwardSlot.Style.ONCE, SlotChange.Effect.EARN,
                    eventId, "за участие в опросе", "голос в опросе отменён", activity.occurredAt()));
            default -> Optional.empty();
        };
    }

    private static SlotChange like(Activity activity, SlotChange.Effect effect) {
        VkObject object = activity.object();
        long actor = activity.vkUserId();
        return new SlotChange(activity.communityId(), RuleCatalog.LIKE, actor + ":" + object.key(), object.key(), actor,
                AwardSlot.Style.STICKY, effect, activity.activityId(),
                "за отметку «Мне нравится» " + describe(object),
                "отметка «Мне нравится» " + describe(object) + " снята", activity.occurredAt());
    }

    private static SlotChange comment(Activity activity, Long author, SlotChange.Effect effect) {
        VkObject object = activity.object();
        return new SlotChange(activity.communityId(), RuleCatalog.COMMENT, object.key(), object.key(), author,
                AwardSlot.Style.RESTORABLE, effect, activity.activityId(),
                "за содержательный комментарий " + describeParent(object),
                "комментарий " + describeParent(object) + " удалён", activity.occurredAt());
    }

    /**
     * The command for one step of a slot, under the rule in force. A reversal takes back {@code reversedPoints},
     * what the award it reverses paid.
     *
     * @param flag why an award is held for HR (anti-abuse); it then goes out as a HOLD with the reason in its
     *             text, and a later reversal of it rejects the hold
     */
    public Optional<AwardCommand> command(SlotChange change, long member, AwardSlot.Step step, long reversedPoints,
                                          Instant at, String flag) {
        return catalog.get().rule(change.ruleId(), change.occurredAt()).map(rule -> {
            String slotKey = change.slotKey(member);
            boolean award = step.kind() == AwardSlot.Step.Kind.AWARD;
            boolean held = award && flag != null;
            return new AwardCommand(step.key(slotKey), step.key(slotKey),
                    award ? (held ? AwardCommand.Type.HOLD : AwardCommand.Type.AWARD) : AwardCommand.Type.REVERSE,
                    member, award ? rule.points() : reversedPoints, rule.id(), rule.version(),
                    award ? change.awardReason() + (held ? " (на проверке HR: " + flag + ")" : "")
                            : change.reversalReason(), SOURCE, at,
                    award ? null : step.reversedKey(slotKey));
        });
    }

    /** What the rule pays for an action at {@code at}. */
    public long points(String ruleId, Instant at) {
        return catalog.get().rule(ruleId, at).map(EarningRule::points).orElse(0L);
    }

    /** The caps in the community of the rule in force when the action happened; null when the rule has none. */
    public EarningLimits limits(String ruleId, Instant at, long communityId) {
        return catalog.get().limits(ruleId, at, communityId).orElse(null);
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
