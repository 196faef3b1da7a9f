package ru.vklad.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import ru.vklad.analytics.service.MemberTrend.Bucket;
import ru.vklad.analytics.service.MemberTrend.Day;

class MemberTrendTest {

    private static final LocalDate MON = LocalDate.of(2026, 11, 23);

    @Test
    void streaksCountConsecutiveDaysWithPoints() {
        // Mon, Tue, Wed | gap | Fri, Sat; a reversal day (negative) breaks nothing it did not earn.
        List<Day> days = List.of(day(MON, 5), day(MON.plusDays(1), 1), day(MON.plusDays(2), 3),
                day(MON.plusDays(4), 2), day(MON.plusDays(5), 1));
        MemberTrend trend = MemberTrend.of(days, new Period(MON, MON.plusDays(5)));
        assertThat(trend.activeDays()).isEqualTo(5);
        assertThat(trend.longestStreak()).isEqualTo(3);
        assertThat(trend.currentStreak()).isEqualTo(2);
        assertThat(trend.points()).isEqualTo(12);
    }

    @Test
    void theCurrentStreakSurvivesATodayWithoutPointsYetButNotAGap() {
        List<Day> days = List.of(day(MON, 1), day(MON.plusDays(1), 1));
        assertThat(MemberTrend.of(days, new Period(MON, MON.plusDays(2))).currentStreak()).isEqualTo(2);
        assertThat(MemberTrend.of(days, new Period(MON, MON.plusDays(3))).currentStreak()).isZero();
    }

    @Test
    void pointsAreSummedPerIsoWeekAndMonthWithTheActivityShare() {
        List<Day> days = List.of(new Day(LocalDate.of(2026, 11, 29), 10, 4), new Day(LocalDate.of(2026, 11, 30), 7, 7),
                new Day(LocalDate.of(2026, 12, 1), 500, 0));
        MemberTrend trend = MemberTrend.of(days, new Period(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 31)));
        assertThat(trend.weeks()).containsExactly(new Bucket("2026-W48", 10, 4), new Bucket("2026-W49", 507, 7));
        assertThat(trend.months()).containsExactly(new Bucket("2026-11", 17, 11), new Bucket("2026-12", 500, 0));
        assertThat(trend.activityPoints()).isEqualTo(11);
    }

    private static Day day(LocalDate day, long points) {
        return new Day(day, points, points);
    }
}
