package ru.vklad.analytics.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Points the ledger posted to a member on a company day, from one ledger event.
 *
 * @param activityPoints the part of {@code points} earned from VK activity (all or nothing of one entry)
 */
public record PostedPoints(String eventId, long vkUserId, LocalDate day, long points, long activityPoints) {

    /** One member's day as a batch changes it. */
    public record Day(long vkUserId, LocalDate day, long points, long activityPoints, int entries) {
    }

    /** Folds a batch into one change per member and day, in the order the days first appear. No I/O. */
    public static List<Day> byDay(List<PostedPoints> posted) {
        record Key(long vkUserId, LocalDate day) {
        }
        Map<Key, Day> days = new LinkedHashMap<>();
        for (PostedPoints p : posted) {
            days.merge(new Key(p.vkUserId(), p.day()), new Day(p.vkUserId(), p.day(), p.points(), p.activityPoints(), 1),
                    (a, b) -> new Day(a.vkUserId(), a.day(), a.points() + b.points(),
                            a.activityPoints() + b.activityPoints(), a.entries() + b.entries()));
        }
        return new ArrayList<>(days.values());
    }
}
