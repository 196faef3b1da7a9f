package ru.vklad.events;

import java.time.Instant;

/**
 * A notification the notification service gave up on after its last retry (or on a final VK error other than a
 * missing permission), published to {@link Topics#NOTIFICATION_DEAD_LETTERS} under the member's VK user id so
 * support can see it and, once the cause is fixed, send it again with the same {@code randomId}.
 */
public record NotificationFailed(
        String notificationId,
        long vkUserId,
        String kind,
        int randomId,
        String text,
        int attempts,
        String lastError,
        Instant failedAt) {
}
