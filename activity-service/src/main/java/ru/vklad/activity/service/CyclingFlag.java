package ru.vklad.activity.service;

import java.time.Duration;
import java.util.Optional;

/**
 * Like/unlike cycling: a member who has taken back {@code takebacks} likes within {@code window} is toggling, not
 * reading; their next award is held for HR. A taken-back like never earns again anyway, so the flag is about the
 * pattern, and the awards that come with it. No I/O.
 */
public record CyclingFlag(int takebacks, Duration window) {

    public CyclingFlag {
        if (takebacks < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("cycling needs takebacks >= 1 and a positive window, got " + takebacks
                    + " in " + window);
        }
    }

    public Optional<String> reason(int takebacksInWindow) {
        if (takebacksInWindow < takebacks) {
            return Optional.empty();
        }
        return Optional.of("частые отмены: " + takebacksInWindow + " " + cancellations(takebacksInWindow)
                + " отметок за " + Durations.russian(window));
    }

    private static String cancellations(int n) {
        int lastTwo = n % 100;
        int last = n % 10;
        if (lastTwo >= 11 && lastTwo <= 14) {
            return "отмен";
        }
        return last == 1 ? "отмена" : last >= 2 && last <= 4 ? "отмены" : "отмен";
    }
}
