package ru.vklad.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class IsoWeekTest {

    @Test
    void weeksRunMondayToSundayInTheirWeekBasedYear() {
        IsoWeek week = IsoWeek.of(LocalDate.of(2026, 11, 24));
        assertThat(week).hasToString("2026-W48");
        assertThat(week.days()).isEqualTo(new Period(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 29)));
        // 1 January 2027 is a Friday: it belongs to the last week of 2026, which has 53.
        assertThat(IsoWeek.of(LocalDate.of(2027, 1, 1))).hasToString("2026-W53");
        assertThat(IsoWeek.parse("2026-W53").minusWeeks(53)).hasToString("2025-W52");
    }

    @Test
    void textThatIsNoWeekIsRefusedWithTheExpectedForm() {
        assertThatThrownBy(() -> IsoWeek.parse("2026-47")).hasMessageContaining("2026-W47");
        assertThatThrownBy(() -> IsoWeek.parse("2025-W53")).hasMessageContaining("1–52");
        assertThat(IsoWeek.parse("2026-W01").monday()).isEqualTo(LocalDate.of(2025, 12, 29));
    }
}
