package ru.vklad.analytics.service;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An ISO-8601 week, written {@code 2026-W47}: Monday to Sunday, numbered within its week-based year. */
public record IsoWeek(int year, int week) implements Comparable<IsoWeek> {

    private static final Pattern TEXT = Pattern.compile("(\\d{4})-W(\\d{2})");

    public IsoWeek {
        LocalDate probe = LocalDate.of(year, 6, 1);
        long weeks = probe.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
        if (week < 1 || week > weeks) {
            throw new IllegalArgumentException(year + " has ISO weeks 1–" + weeks + ", not " + week);
        }
    }

    public static IsoWeek of(LocalDate day) {
        return new IsoWeek(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public static IsoWeek parse(String text) {
        Matcher matcher = TEXT.matcher(text == null ? "" : text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("a week is written like 2026-W47, not '" + text + "'");
        }
        return new IsoWeek(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    public LocalDate monday() {
        return LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public Period days() {
        return new Period(monday(), monday().plusDays(6));
    }

    public IsoWeek minusWeeks(int weeks) {
        return of(monday().minusWeeks(weeks));
    }

    @Override
    public int compareTo(IsoWeek other) {
        return monday().compareTo(other.monday());
    }

    @Override
    public String toString() {
        return String.format("%04d-W%02d", year, week);
    }
}
