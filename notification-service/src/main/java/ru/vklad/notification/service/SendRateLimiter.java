package ru.vklad.notification.service;

import java.time.Duration;

/**
 * Spaces calls made with one VK token evenly, at most {@code perSecond} a second, by making each caller wait for its
 * slot (a message is delayed, never dropped). Zero or less turns it off.
 */
public final class SendRateLimiter {

    /** Time source and sleep, so the spacing is tested without waiting. */
    public interface Clock {
        long nanoTime();

        void sleep(Duration duration) throws InterruptedException;

        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
            }
        };
    }

    private final long intervalNanos;
    private final Clock clock;
    private long nextSlot;

    public SendRateLimiter(int perSecond, Clock clock) {
        this.intervalNanos = perSecond <= 0 ? 0 : 1_000_000_000L / perSecond;
        this.clock = clock;
        this.nextSlot = clock.nanoTime();
    }

    /** Waits until the caller may make its call. */
    public void acquire() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = clock.nanoTime();
            long slot = Math.max(nextSlot, now);
            nextSlot = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            clock.sleep(Duration.ofNanos(wait));
        }
    }
}
