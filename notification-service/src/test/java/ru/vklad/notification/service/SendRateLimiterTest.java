package ru.vklad.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SendRateLimiterTest {

    /** A clock that only moves when someone sleeps. */
    static final class FakeClock implements SendRateLimiter.Clock {
        long now = 1_000_000_000L;
        final List<Long> callTimes = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(Duration duration) {
            now += duration.toNanos();
        }
    }

    @Test
    void twentyPerSecondSpacesCallsFiftyMillisecondsApart() throws Exception {
        FakeClock clock = new FakeClock();
        SendRateLimiter limiter = new SendRateLimiter(20, clock);
        for (int i = 0; i < 41; i++) {
            limiter.acquire();
            clock.callTimes.add(clock.now);
        }
        // 41 calls: the first at once, then one every 50 ms, so the last is 2 s after the first.
        assertThat(clock.callTimes.get(40) - clock.callTimes.get(0)).isEqualTo(2_000_000_000L);
        for (int i = 1; i < clock.callTimes.size(); i++) {
            assertThat(clock.callTimes.get(i) - clock.callTimes.get(i - 1)).isEqualTo(50_000_000L);
        }
    }

    @Test
    void idleTimeIsNotSavedUpForABurst() throws Exception {
        FakeClock clock = new FakeClock();
        SendRateLimiter limiter = new SendRateLimiter(10, clock);
        limiter.acquire();
        clock.now += 5_000_000_000L; // five idle seconds
        long before = clock.now;
        limiter.acquire();
        limiter.acquire();
        assertThat(clock.now - before).isEqualTo(100_000_000L);
    }

    @Test
    void zeroTurnsItOff() throws Exception {
        FakeClock clock = new FakeClock();
        SendRateLimiter limiter = new SendRateLimiter(0, clock);
        long before = clock.now;
        for (int i = 0; i < 1000; i++) {
            limiter.acquire();
        }
        assertThat(clock.now).isEqualTo(before);
    }

    @Test
    void backoffDoublesUpToItsCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30));
        assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.after(4)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.after(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.after(50)).isEqualTo(Duration.ofSeconds(30));
    }
}
