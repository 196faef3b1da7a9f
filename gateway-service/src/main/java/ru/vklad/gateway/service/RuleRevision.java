package ru.vklad.gateway.service;

import java.time.Instant;
import java.util.Map;

import ru.vklad.events.EarningRuleChanged.Limits;

/**
 * What HR changes in a rule: its points, its caps, its caps in particular communities, or several; a part left
 * null stays as it is.
 *
 * @param communityLimits the whole set of caps that differ by community (VK group id), replacing the previous set;
 *                        empty removes them all
 * @param effectiveFrom   from when the new version applies; now when null
 */
public record RuleRevision(Long points, Integer perDay, Integer perWeek, Long cooldownSeconds,
                           Map<Long, Limits> communityLimits, Instant effectiveFrom) {

    boolean changesLimits() {
        return perDay != null || perWeek != null || cooldownSeconds != null || communityLimits != null;
    }

    boolean changesNothing() {
        return points == null && !changesLimits();
    }
}
