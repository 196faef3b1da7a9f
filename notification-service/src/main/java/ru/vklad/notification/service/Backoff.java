package ru.vklad.notification.service;

import java.time.Duration;

/** Exponential backoff between delivery attempts: initial, doubled after each failure, capped. */
public record Backoff(Duration initial, Duration max) {

    /** The wait after failed attempt number {@code attempt} (1 for the first). */
    public Duration after(int attempt) {
        Duration delay = initial;
        for (int i = 1; i < attempt && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
