package ru.vklad.analytics.service;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One member's contribution over a period from their points per day: days with points, streaks of consecutive
 * days with points, and the points per ISO week and per month. No I/O.
 *
 * @param currentStreak consecutive days with points ending on the period's last day (or the day before it, so a
 *                      member who has not acted yet today keeps yesterday's streak)
 */
public record MemberTrend(@Schema(examples = "1250") long points, @Schema(examples = "350") long activityPoints,
                          @Schema(examples = "18") int activeDays, @Schema(examples = "7") int longestStreak,
                          @Schema(examples = "3") int currentStreak, List<Bucket> weeks, List<Bucket> months) {

    /** Points in one week ({@code 2026-W47}) or month ({@code 2026-11}). */
    public record Bucket(@Schema(examples = "2026-W47") String period, @Schema(examples = "310") long points,
                         @Schema(examples = "110") long activityPoints) {
    }

    /** A day's points: all, and earned from activity. */
    public record Day(LocalDate day, long points, long activityPoints) {
    }

    public static MemberTrend of(List<Day> days, Period period) {
        long points = 0;
        long activity = 0;
        int active = 0;
        int longest = 0;
        int run = 0;
        LocalDate previous = null;
        Map<String, long[]> weeks = new TreeMap<>();
        Map<String, long[]> months = new TreeMap<>();
        List<Day> sorted = new ArrayList<>(days);
        sorted.sort(java.util.Comparator.comparing(Day::day));
        for (Day day : sorted) {
            if (day.day().isBefore(period.from()) || day.day().isAfter(period.to())) {
                continue;
            }
            points += day.points();
            activity += day.activityPoints();
            add(weeks, IsoWeek.of(day.day()).toString(), day);
            add(months, YearMonth.from(day.day()).toString(), day);
            if (day.points() <= 0) {
                continue;
            }
            active++;
            run = previous != null && previous.plusDays(1).equals(day.day()) ? run + 1 : 1;
            longest = Math.max(longest, run);
            previous = day.day();
        }
        boolean current = previous != null && !previous.isBefore(period.to().minusDays(1));
        return new MemberTrend(points, activity, active, longest, current ? run : 0, buckets(weeks), buckets(months));
    }

    private static void add(Map<String, long[]> buckets, String key, Day day) {
        long[] sums = buckets.computeIfAbsent(key, k -> new long[2]);
        sums[0] += day.points();
        sums[1] += day.activityPoints();
    }

    private static List<Bucket> buckets(Map<String, long[]> sums) {
        List<Bucket> buckets = new ArrayList<>();
        sums.forEach((key, value) -> buckets.add(new Bucket(key, value[0], value[1])));
        return List.copyOf(buckets);
    }
}
