package ru.vklad.activity.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * New accounts farming: within {@code period} of a member's first award in a community, the award after
 * {@code awards} is held for HR. A genuine newcomer rarely earns that much in their first days. No I/O.
 */
public record NewMemberFlag(int awards, Duration period) {

    public NewMemberFlag {
        if (awards < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a new member check needs awards >= 1 and a positive period, got "
                    + awards + " in " + period);
        }
    }

    /**
     * @param firstAwardAt     the member's first award in the community, null when this is the first
     * @param awardsSinceFirst their awards since then
     * @param at               when the action to award happened
     */
    public Optional<String> reason(Instant firstAwardAt, int awardsSinceFirst, Instant at) {
        boolean isNew = firstAwardAt == null || at.isBefore(firstAwardAt.plus(period));
        return isNew && awardsSinceFirst >= awards
                ? Optional.of("новый участник: " + (awardsSinceFirst + 1) + "-е начисление за первые "
                + Durations.russian(period))
                : Optional.empty();
    }
}
