package ru.vklad.notification.service;

/**
 * A message for one member, identified by the event that caused it; the rule, points and balance let messages of
 * one kind be coalesced into one.
 */
public record Notification(String notificationId, long vkUserId, String kind, String text, String ruleId,
                           long points, Long balance) {

    public int randomId() {
        return RandomIds.of(notificationId);
    }
}
