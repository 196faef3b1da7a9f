package ru.vklad.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class RankingsTest {

    @Test
    void equalPointsShareARankAndTheNextRankSkips() {
        List<LeaderboardRow> rows = Rankings.rank(List.of(
                new Rankings.Score(3, 50), new Rankings.Score(1, 40), new Rankings.Score(2, 40),
                new Rankings.Score(9, 10)));
        assertThat(rows).containsExactly(new LeaderboardRow(1, 3, 50), new LeaderboardRow(2, 1, 40),
                new LeaderboardRow(2, 2, 40), new LeaderboardRow(4, 9, 10));
    }

    @Test
    void unorderedInputIsAProgrammingError() {
        assertThatThrownBy(() -> Rankings.rank(List.of(new Rankings.Score(1, 10), new Rankings.Score(2, 20))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rankings.rank(List.of(new Rankings.Score(2, 10), new Rankings.Score(1, 10))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyLeaderboardIsEmpty() {
        assertThat(Rankings.rank(List.of())).isEmpty();
    }
}
