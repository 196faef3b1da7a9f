package ru.vklad.analytics.service;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * A period cut into the fewest pieces the points rollups hold: whole calendar months, then whole ISO weeks
 * (Monday to Sunday) of what is left, then single days. A leaderboard of a week or a month reads one rollup row per
 * member instead of seven or thirty. No I/O.
 *
 * @param months the first day of each whole month inside the period
 * @param weeks  the Monday of each whole week inside the period and outside those months
 * @param days   the days left
 */
public record PeriodSegments(List<LocalDate> months, List<LocalDate> weeks, List<LocalDate> days) {

    public static PeriodSegments of(Period period) {
        List<LocalDate> months = new ArrayList<>();
        List<LocalDate> weeks = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        LocalDate day = period.from();
        LocalDate to = period.to();
        while (!day.isAfter(to)) {
            LocalDate monthEnd = day.with(TemporalAdjusters.lastDayOfMonth());
            LocalDate weekEnd = day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
            if (day.getDayOfMonth() == 1 && !monthEnd.isAfter(to)) {
                months.add(day);
                day = monthEnd.plusDays(1);
            } else if (day.getDayOfWeek() == DayOfWeek.MONDAY && !weekEnd.isAfter(to)
                    && !startsWholeMonthWithin(day, weekEnd, to)) {
                weeks.add(day);
                day = weekEnd.plusDays(1);
            } else {
                days.add(day);
                day = day.plusDays(1);
            }
        }
        return new PeriodSegments(months, weeks, days);
    }

    /** The months, the weeks and the days: their pieces numbered 0, 1, ... in this order. */
    public List<List<LocalDate>> lists() {
        return List.of(months, weeks, days);
    }

    /** How many pieces the period is cut into. */
    public int count() {
        return months.size() + weeks.size() + days.size();
    }

    /** A week that would swallow the first day of a whole month inside the period gives way to the month. */
    private static boolean startsWholeMonthWithin(LocalDate monday, LocalDate sunday, LocalDate to) {
        LocalDate nextFirst = monday.with(TemporalAdjusters.firstDayOfNextMonth());
        return !nextFirst.isAfter(sunday) && !nextFirst.with(TemporalAdjusters.lastDayOfMonth()).isAfter(to);
    }
}
