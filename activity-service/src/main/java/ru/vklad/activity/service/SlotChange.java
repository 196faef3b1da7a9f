package ru.vklad.activity.service;

import java.time.Instant;

/**
 * One VK event's effect on one award slot.
 *
 * @param subject      what identifies the slot within its rule: {@code <member>:<object>} for per-member actions,
 *                     {@code <object>} for a comment (its author may not be known yet when its deletion comes first)
 * @param memberVkId   who the slot pays, when known
 * @param effect       null when the event only tells who the member is
 * @param occurredAt   when the action happened, for caps and cooldowns
 */
public record SlotChange(
        long communityId,
        String ruleId,
        String subject,
        String objectKey,
        Long memberVkId,
        AwardSlot.Style style,
        Effect effect,
        String eventId,
        String awardReason,
        String reversalReason,
        Instant occurredAt) {

    public enum Effect {
        EARN, TAKEBACK, RETURN
    }

    /** The idempotency key of the slot's first award: one member, one rule, one object. */
    public String slotKey(long member) {
        return "vk:" + communityId + ":" + ruleId + ":" + member + ":" + objectKey;
    }
}
