package ru.vklad.activity.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Caps and cooldown of one rule for one member: at most {@code perDay} and {@code perWeek} awards (company days
 * and ISO weeks; {@code 0} for no cap), and at least {@code cooldown} between two awards. An action over a limit
 * earns nothing, ever: it is not paid later when the limit frees up.
 */
public record EarningLimits(int perDay, int perWeek, Duration cooldown) {

    public EarningLimits {
        if (perDay < 0 || perWeek < 0 || perDay > 0 && perWeek > 0 && perWeek < perDay || cooldown.isNegative()) {
            throw new IllegalArgumentException("limits need caps >= 0 (0: none), a weekly cap holding the daily one "
                    + "and a cooldown >= 0, got " + perDay + "/" + perWeek + "/" + cooldown);
        }
    }

    /** Why one more award is refused, or empty when it is allowed. */
    public Optional<String> refusal(int awardsToday, int awardsThisWeek, Instant lastAward, Instant now) {
        if (perDay > 0 && awardsToday >= perDay) {
            return Optional.of("daily cap of " + perDay + " reached");
        }
        if (perWeek > 0 && awardsThisWeek >= perWeek) {
            return Optional.of("weekly cap of " + perWeek + " reached");
        }
        if (lastAward != null && !cooldown.isZero() && now.isBefore(lastAward.plus(cooldown))) {
            return Optional.of("cooldown of " + cooldown.toSeconds() + " s since the last award");
        }
        return Optional.empty();
    }
}
