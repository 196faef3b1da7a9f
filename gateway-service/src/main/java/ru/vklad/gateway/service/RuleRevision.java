package ru.vklad.gateway.service;

import java.time.Instant;

/**
 * What HR changes in a rule: its points, its caps, or both; a part left null stays as it is.
 *
 * @param effectiveFrom from when the new version applies; now when null
 */
public record RuleRevision(Long points, Integer perDay, Integer perWeek, Long cooldownSeconds, Instant effectiveFrom) {

    boolean changesLimits() {
        return perDay != null || perWeek != null || cooldownSeconds != null;
    }

    boolean changesNothing() {
        return points == null && !changesLimits();
    }
}
