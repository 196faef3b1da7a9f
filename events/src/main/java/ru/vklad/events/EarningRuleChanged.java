package ru.vklad.events;

import java.time.Instant;

/**
 * One version of an earning rule, published by the gateway to the compacted {@link Topics#EARNING_RULES} topic
 * under {@code <ruleId>:<version>}, so every version stays readable: an action earns under the version in force
 * when it happened, and a change never applies retroactively.
 *
 * @param effectiveFrom from when this version applies
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
        Instant changedAt) {

    public String key() {
        return ruleId + ":" + version;
    }
}
