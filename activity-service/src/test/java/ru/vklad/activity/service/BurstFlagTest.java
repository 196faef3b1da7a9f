package ru.vklad.activity.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BurstFlagTest {

    private final BurstFlag burst = new BurstFlag(20, Duration.ofSeconds(60));

    @Test
    void theAwardAfterTheThresholdIsFlaggedWithAReasonHrCanRead() {
        assertThat(burst.reason(19)).isEmpty();
        assertThat(burst.reason(20)).contains("серия: 21-е начисление за 60 с");
    }

    @Test
    void thresholdsMustMakeSense() {
        assertThatThrownBy(() -> new BurstFlag(0, Duration.ofSeconds(60))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BurstFlag(5, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
