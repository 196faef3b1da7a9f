package ru.vklad.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RussianPluralsTest {

    @Test
    void pointsTakeTheRightForm() {
        assertThat(RussianPlurals.pointsWord(1)).isEqualTo("балл");
        assertThat(RussianPlurals.pointsWord(21)).isEqualTo("балл");
        assertThat(RussianPlurals.pointsWord(2)).isEqualTo("балла");
        assertThat(RussianPlurals.pointsWord(34)).isEqualTo("балла");
        assertThat(RussianPlurals.pointsWord(5)).isEqualTo("баллов");
        assertThat(RussianPlurals.pointsWord(11)).isEqualTo("баллов");
        assertThat(RussianPlurals.pointsWord(12)).isEqualTo("баллов");
        assertThat(RussianPlurals.pointsWord(111)).isEqualTo("баллов");
        assertThat(RussianPlurals.pointsWord(500)).isEqualTo("баллов");
    }

    @Test
    void randomIdIsStablePositiveAndDistinct() {
        assertThat(RandomIds.of("ledger:entry-1")).isEqualTo(RandomIds.of("ledger:entry-1")).isPositive();
        assertThat(RandomIds.of("ledger:entry-1")).isNotEqualTo(RandomIds.of("ledger:entry-2"));
    }
}
