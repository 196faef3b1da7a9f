package ru.vklad.activity.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class EarningLimitsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final EarningLimits limits = new EarningLimits(3, 5, Duration.ofSeconds(60));

    @Test
    void withinEveryLimitIsAllowed() {
        assertThat(limits.refusal(2, 4, NOW.minusSeconds(61), NOW)).isEmpty();
        assertThat(limits.refusal(0, 0, null, NOW)).isEmpty();
    }

    @Test
    void eachLimitRefusesWithItsReason() {
        assertThat(limits.refusal(3, 3, null, NOW)).contains("daily cap of 3 reached");
        assertThat(limits.refusal(1, 5, null, NOW)).contains("weekly cap of 5 reached");
        assertThat(limits.refusal(1, 1, NOW.minusSeconds(59), NOW)).contains("cooldown of 60 s since the last award");
    }

    @Test
    void aCapOfZeroIsNoCap() {
        assertThat(new EarningLimits(0, 5, Duration.ZERO).refusal(100, 4, null, NOW)).isEmpty();
        assertThat(new EarningLimits(3, 0, Duration.ZERO).refusal(2, 100, null, NOW)).isEmpty();
    }

    @Test
    void limitsMustBeConsistent() {
        assertThatThrownBy(() -> new EarningLimits(-1, 5, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EarningLimits(6, 5, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
