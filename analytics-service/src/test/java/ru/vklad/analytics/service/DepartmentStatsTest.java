package ru.vklad.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DepartmentStatsTest {

    @Test
    void participationAndPointsPerCapitaAreShareOfTheDirectorysMembers() {
        DepartmentStats it = DepartmentStats.of("ИТ", 8, 3, 100, 60);
        assertThat(it.participationRate()).isEqualTo(0.375);
        assertThat(it.pointsPerCapita()).isEqualTo(12.5);
    }

    @Test
    void aDepartmentNobodyIsListedInHasNoRatesRatherThanADivisionByZero() {
        DepartmentStats gone = DepartmentStats.of("Архив", 0, 2, 30, 30);
        assertThat(gone.participationRate()).isZero();
        assertThat(gone.pointsPerCapita()).isZero();
    }
}
