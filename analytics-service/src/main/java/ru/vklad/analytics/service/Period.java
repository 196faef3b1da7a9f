package ru.vklad.analytics.service;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** An inclusive range of local days that a report covers. */
public record Period(LocalDate from, LocalDate to) {

    /** Long enough for a year-over-year comparison, short enough to keep one query cheap. */
    public static final int MAX_DAYS = 366 * 2;

    public Period {
        if (from == null || to == null) {
            throw new IllegalArgumentException("a period needs both 'from' and 'to'");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("'to' (" + to + ") is before 'from' (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new IllegalArgumentException("a period may span at most " + MAX_DAYS + " days");
        }
    }
}
