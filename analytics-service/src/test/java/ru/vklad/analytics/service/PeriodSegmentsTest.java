package ru.vklad.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PeriodSegmentsTest {

    @Test
    void aWholeMonthIsOneMonth() {
        PeriodSegments segments = PeriodSegments.of(new Period(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30)));

        assertThat(segments.months()).containsExactly(LocalDate.of(2026, 11, 1));
        assertThat(segments.weeks()).isEmpty();
        assertThat(segments.days()).isEmpty();
    }

    @Test
    void anIsoWeekIsOneWeek() {
        PeriodSegments segments = PeriodSegments.of(new Period(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 22)));

        assertThat(segments.weeks()).containsExactly(LocalDate.of(2026, 11, 16));
        assertThat(segments.months()).isEmpty();
        assertThat(segments.days()).isEmpty();
    }

    @Test
    void anyRangeIsCoveredExactlyOnce() {
        LocalDate start = LocalDate.of(2025, 12, 20);
        for (int offset = 0; offset < 40; offset++) {
            for (int length = 1; length <= 120; length += 7) {
                LocalDate from = start.plusDays(offset);
                LocalDate to = from.plusDays(length - 1);
                PeriodSegments segments = PeriodSegments.of(new Period(from, to));
                List<LocalDate> covered = new ArrayList<>(segments.days());
                segments.weeks().forEach(monday -> monday.datesUntil(monday.plusDays(7)).forEach(covered::add));
                segments.months().forEach(first -> first.datesUntil(first.plusMonths(1)).forEach(covered::add));

                assertThat(covered).as("%s..%s", from, to).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(from.datesUntil(to.plusDays(1)).toList());
                assertThat(segments.days()).as("left-over days of %s..%s", from, to).hasSizeLessThanOrEqualTo(2 * (6 + 6)); // each end: up to a week short of a Monday, up to a week short of a month
            }
        }
    }

    @Test
    void fortyFiveDaysAreWeeksAndEdgeDaysWhenNoWholeMonthFits() {
        PeriodSegments segments = PeriodSegments.of(new Period(LocalDate.of(2026, 9, 10), LocalDate.of(2026, 10, 24)));

        assertThat(segments.months()).isEmpty();
        assertThat(segments.weeks()).containsExactly(LocalDate.of(2026, 9, 14), LocalDate.of(2026, 9, 21),
                LocalDate.of(2026, 9, 28), LocalDate.of(2026, 10, 5), LocalDate.of(2026, 10, 12));
        assertThat(segments.days()).hasSize(4 + 6);
    }

    @Test
    void aMonthInsideARangeTakesPrecedenceOverTheWeekAroundItsFirstDay() {
        PeriodSegments segments = PeriodSegments.of(new Period(LocalDate.of(2026, 9, 28), LocalDate.of(2026, 11, 8)));

        assertThat(segments.months()).containsExactly(LocalDate.of(2026, 10, 1));
        assertThat(segments.weeks()).containsExactly(LocalDate.of(2026, 11, 2));
        assertThat(segments.days()).containsExactly(LocalDate.of(2026, 9, 28), LocalDate.of(2026, 9, 29),
                LocalDate.of(2026, 9, 30), LocalDate.of(2026, 11, 1));
    }
}
