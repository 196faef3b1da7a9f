package ru.vklad.notification.service;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The hours of the member's night when no message is sent: a message due then waits for the end of them (delayed,
 * never dropped). The quiet period may cross midnight (22:00-09:00); equal start and end mean none.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    /** The earliest moment at or after {@code due} outside the quiet hours in {@code zone}. */
    public Instant sendableAt(Instant due, ZoneId zone) {
        if (start.equals(end)) {
            return due;
        }
        ZonedDateTime local = due.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean crossesMidnight = start.isAfter(end);
        if (crossesMidnight) {
            if (!time.isBefore(start)) {
                return local.toLocalDate().plusDays(1).atTime(end).atZone(zone).toInstant();
            }
            if (time.isBefore(end)) {
                return local.toLocalDate().atTime(end).atZone(zone).toInstant();
            }
            return due;
        }
        if (!time.isBefore(start) && time.isBefore(end)) {
            return local.toLocalDate().atTime(end).atZone(zone).toInstant();
        }
        return due;
    }
}
