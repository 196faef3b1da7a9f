package ru.vklad.analytics.service;

import java.util.Set;

/** Which points count as earned from VK activity: those of the rules the activity service applies by itself. */
public final class Contributions {

    private static final Set<String> ACTIVITY_RULES = Set.of("like", "substantive_comment", "repost", "poll_vote");

    private Contributions() {
    }

    public static boolean fromActivity(String ruleId) {
        return ruleId != null && ACTIVITY_RULES.contains(ruleId);
    }
}
