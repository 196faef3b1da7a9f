package ru.vklad.notification.service;

/** A message for one member, identified by the event that caused it. */
public record Notification(String notificationId, long vkUserId, String kind, String text) {

    public int randomId() {
        return RandomIds.of(notificationId);
    }
}
