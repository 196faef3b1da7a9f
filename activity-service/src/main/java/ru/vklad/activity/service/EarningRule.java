package ru.vklad.activity.service;

import java.time.Instant;
import java.util.Map;

/**
 * One earning rule of the catalogue: how many points an action earns, within the range HR may set.
 *
 * @param id       stable id carried by every award it produces, e.g. {@code like}
 * @param version  increases with every change; an award names the version in force when the action happened
 * @param points   what the action earns now
 * @param minPoints the least HR may set
 * @param maxPoints the most HR may set
 * @param effectiveFrom from when this version applies
 * @param limits   its caps as the gateway stated them; null when not stated (the configured caps apply)
 * @param communityLimits caps that replace {@code limits} in one community, by its VK group id
 */
public record EarningRule(String id, int version, String title, long points, long minPoints, long maxPoints,
                          Instant effectiveFrom, EarningLimits limits, Map<Long, EarningLimits> communityLimits) {

    /** A version that states no caps of its own. */
    public EarningRule(String id, int version, String title, long points, long minPoints, long maxPoints,
                       Instant effectiveFrom) {
        this(id, version, title, points, minPoints, maxPoints, effectiveFrom, null);
    }

    /** A version with the same caps in every community. */
    public EarningRule(String id, int version, String title, long points, long minPoints, long maxPoints,
                       Instant effectiveFrom, EarningLimits limits) {
        this(id, version, title, points, minPoints, maxPoints, effectiveFrom, limits, Map.of());
    }

    public EarningRule {
        communityLimits = communityLimits == null ? Map.of() : Map.copyOf(communityLimits);
        if (minPoints > maxPoints || points < minPoints || points > maxPoints) {
            throw new IllegalArgumentException("rule " + id + ": " + points + " points is outside " + minPoints + "–"
                    + maxPoints);
        }
    }

    /** The caps stated for a community: its own, or the version's; null when the version states none. */
    public EarningLimits limitsIn(long communityId) {
        return communityLimits.getOrDefault(communityId, limits);
    }
}
