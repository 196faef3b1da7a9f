package ru.vklad.events;

import java.time.Instant;

/**
 * The latest state of one member of the directory, published by the gateway to the compacted
 * {@link Topics#MEMBERS} topic under the member's VK user id. Erasure is a tombstone (null value), not a record.
 *
 * @param consentGiven   whether the member consents to their activity being tracked
 * @param consentVersion the version of the consent text the member agreed to (null when never given)
 */
public record MemberChanged(
        long vkUserId,
        String employeeId,
        String fullName,
        String department,
        String audience,
        String timeZone,
        boolean consentGiven,
        String consentVersion,
        Instant changedAt) {
}
