package ru.vklad.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ru.vklad.analytics.service.WeeklyMostActive.Candidate;

class WeeklyMostActiveTest {

    @Test
    void theMostPointsFromActivityWin() {
        assertThat(WeeklyMostActive.pick(List.of(new Candidate(1, 40, 3, true), new Candidate(2, 55, 2, true),
                new Candidate(3, 10, 7, true)), Set.of())).map(Candidate::vkUserId).contains(2L);
    }

    @Test
    void tiesGoToMoreActiveDaysThenToTheLowerVkId() {
        assertThat(WeeklyMostActive.pick(List.of(new Candidate(5, 40, 3, true), new Candidate(9, 40, 5, true)),
                Set.of())).map(Candidate::vkUserId).contains(9L);
        assertThat(WeeklyMostActive.pick(List.of(new Candidate(9, 40, 5, true), new Candidate(5, 40, 5, true)),
                Set.of())).map(Candidate::vkUserId).contains(5L);
    }

    @Test
    void aRecentWinnerIsPassedOverForTheNextBest() {
        assertThat(WeeklyMostActive.pick(List.of(new Candidate(1, 90, 7, true), new Candidate(2, 30, 2, true)),
                Set.of(1L))).map(Candidate::vkUserId).contains(2L);
    }

    @Test
    void nobodyWinsWithoutActivityPointsOrConsent() {
        assertThat(WeeklyMostActive.pick(List.of(new Candidate(1, 0, 2, true), new Candidate(2, 80, 4, false),
                new Candidate(3, -5, 1, true)), Set.of())).isEmpty();
        assertThat(WeeklyMostActive.pick(List.of(), Set.of())).isEmpty();
    }
}
