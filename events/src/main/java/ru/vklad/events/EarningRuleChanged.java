package ru.vklad.events;

import java.time.Instant;
import java.util.Map;

/**
 * One version of an earning rule, published by the gateway to the compacted {@link Topics#EARNING_RULES} topic
 * under {@code <ruleId>:<version>}, so every version stays readable: an action earns under the version in force
 * when it happened, and a change never applies retroactively.
 *
 * @param effectiveFrom from when this version applies
 * @param limits        the caps on a rule counted automatically from VK activity; null for a rule HR awards by hand
 *                      (and in versions published before caps were part of the rule)
 * @param communityLimits caps that differ in one community, by its VK group id: there they replace {@code limits};
 *                      every other community has {@code limits}. Empty (or null in older versions): the same caps
 *                      everywhere
 */
public record EarningRuleChanged(
        String ruleId,
        int version,
        String title,
        long points,
        long minPoints,
        long maxPoints,
        Instant effectiveFrom,
        String changedBy,
        Instant changedAt,
        Limits limits,
        Map<Long, Limits> communityLimits) {

    public EarningRuleChanged {
        communityLimits = communityLimits == null ? Map.of() : Map.copyOf(communityLimits);
    }

    /** A version with the same caps in every community. */
    public EarningRuleChanged(String ruleId, int version, String title, long points, long minPoints, long maxPoints,
                              Instant effectiveFrom, String changedBy, Instant changedAt, Limits limits) {
        this(ruleId, version, title, points, minPoints, maxPoints, effectiveFrom, changedBy, changedAt, limits,
                Map.of());
    }

    /** A version without caps: a rule HR awards by hand. */
    public EarningRuleChanged(String ruleId, int version, String title, long points, long minPoints, long maxPoints,
                              Instant effectiveFrom, String changedBy, Instant changedAt) {
        this(ruleId, version, title, points, minPoints, maxPoints, effectiveFrom, changedBy, changedAt, null);
    }

    /** The caps in force in a community: its own, or the rule's. */
    public Limits limitsIn(long communityId) {
        return communityLimits.getOrDefault(communityId, limits);
    }

    public String key() {
        return ruleId + ":" + version;
    }

    /**
     * How often one member may earn under the rule: awards per company day and per ISO week ({@code 0}: no cap)
     * and the least time between two awards. An action over a limit earns nothing.
     */
    public record Limits(int perDay, int perWeek, long cooldownSeconds) {
    }
}
