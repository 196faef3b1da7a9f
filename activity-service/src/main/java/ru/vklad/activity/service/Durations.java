package ru.vklad.activity.service;

import java.time.Duration;

/** Durations as HR reads them in a reason: "60 с", "10 мин", "2 ч", "7 дн.". */
final class Durations {

    private Durations() {
    }

    static String russian(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + " дн.";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + " ч";
        }
        if (seconds % 60 == 0 && seconds >= 600) {
            return seconds / 60 + " мин";
        }
        return seconds + " с";
    }
}
