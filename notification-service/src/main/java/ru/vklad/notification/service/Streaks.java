package ru.vklad.notification.service;

import java.time.LocalDate;
import java.util.Set;

/** A member's streak: consecutive days with points, counted back from a given day. */
public final class Streaks {

    private Streaks() {
    }

    /** Days in a row ending on {@code last} on which the member earned; 0 when {@code last} was not one of them. */
    public static int endingOn(Set<LocalDate> activeDays, LocalDate last) {
        int streak = 0;
        for (LocalDate day = last; activeDays.contains(day); day = day.minusDays(1)) {
            streak++;
        }
        return streak;
    }
}
