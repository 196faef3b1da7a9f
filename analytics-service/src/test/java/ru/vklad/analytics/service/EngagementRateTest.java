package ru.vklad.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngagementRateTest {

    @Test
    void engagedMembersPerMemberOfTheAudienceToThreeDecimals() {
        assertThat(EngagementRate.of(91, 240)).isEqualTo(0.379);
        assertThat(EngagementRate.of(1, 3)).isEqualTo(0.333);
        assertThat(EngagementRate.of(2, 3)).isEqualTo(0.667);
        assertThat(EngagementRate.of(0, 50)).isEqualTo(0.0);
    }

    @Test
    void noRateAgainstAnUnknownOrEmptyAudience() {
        assertThat(EngagementRate.of(5, null)).isNull();
        assertThat(EngagementRate.of(5, 0)).isNull();
    }
}
