package ru.vklad.activity.service;

import java.time.Duration;
import java.util.Optional;

/**
 * The anti-abuse burst check: a member whose awards already reach {@code actions} within {@code window} before an
 * action is flagged, and that action's award is held for HR instead of paid. Flag, don't drop: HR approves or
 * rejects it in the ledger's held queue. No I/O.
 */
public record BurstFlag(int actions, Duration window) {

    public BurstFlag {
        if (actions < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a burst needs actions >= 1 and a positive window, got " + actions
                    + " in " + window);
        }
    }

    /** Why the next award is held, or empty when it is paid. */
    public Optional<String> reason(int awardsInWindow) {
        return awardsInWindow >= actions
                ? Optional.of("серия: " + (awardsInWindow + 1) + "-е начисление за " + window.toSeconds() + " с")
                : Optional.empty();
    }
}
