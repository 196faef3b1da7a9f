package ru.vklad.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;

import org.junit.jupiter.api.Test;

class StreaksTest {

    private static final LocalDate SUNDAY = LocalDate.of(2026, 11, 22);

    @Test
    void countsConsecutiveDaysBackFromTheLastOne() {
        assertThat(Streaks.endingOn(Set.of(SUNDAY, SUNDAY.minusDays(1), SUNDAY.minusDays(2), SUNDAY.minusDays(4)),
                SUNDAY)).isEqualTo(3);
    }

    @Test
    void aStreakCrossesWeeksAndMonths() {
        LocalDate first = LocalDate.of(2026, 10, 28);
        Set<LocalDate> days = new java.util.HashSet<>();
        for (LocalDate d = first; !d.isAfter(SUNDAY); d = d.plusDays(1)) {
            days.add(d);
        }
        assertThat(Streaks.endingOn(days, SUNDAY)).isEqualTo(26);
    }

    @Test
    void noPointsOnTheLastDayIsNoStreak() {
        assertThat(Streaks.endingOn(Set.of(SUNDAY.minusDays(1)), SUNDAY)).isZero();
        assertThat(Streaks.endingOn(Set.of(), SUNDAY)).isZero();
    }
}
