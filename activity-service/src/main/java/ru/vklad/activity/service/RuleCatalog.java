package ru.vklad.activity.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every version of every earning rule; an action earns under the version in force when it happened (the highest
 * version whose effective time has passed), so a change never applies retroactively. Defaults (version 1) are the
 * product's published table (seed 000): like 1 (1–5), substantive comment 5 (5–10), repost 10 (10–15), poll vote 3
 * (3–5); manual and scheduled awards (approved idea 50–100, finished project 100–500, contest win 200, weekly most
 * active 500) share the catalogue for their ranges. Caps come with each version from the gateway; a version that
 * states none is capped as configured. Immutable: a new version gives a new catalogue.
 */
public final class RuleCatalog {

    public static final String LIKE = "like";
    public static final String COMMENT = "substantive_comment";
    public static final String REPOST = "repost";
    public static final String POLL_VOTE = "poll_vote";
    public static final String IDEA = "approved_idea";
    public static final String PROJECT = "finished_project";
    public static final String CONTEST = "contest_win";
    public static final String WEEKLY = "weekly_most_active";

    private final Map<String, List<EarningRule>> versions;
    private final Map<String, EarningLimits> configuredLimits;

    private RuleCatalog(Map<String, List<EarningRule>> versions, Map<String, EarningLimits> configuredLimits) {
        this.versions = versions;
        this.configuredLimits = configuredLimits;
    }

    /** @param configuredLimits the caps per rule id of versions that state none */
    public static RuleCatalog defaults(Map<String, EarningLimits> configuredLimits) {
        return new RuleCatalog(Map.of(), Map.copyOf(configuredLimits)).with(List.of(
                seed(LIKE, "Отметка «Мне нравится»", 1, 1, 5),
                seed(COMMENT, "Содержательный комментарий", 5, 5, 10),
                seed(REPOST, "Репост публикации", 10, 10, 15),
                seed(POLL_VOTE, "Участие в опросе", 3, 3, 5),
                seed(IDEA, "Одобренная идея", 50, 50, 100),
                seed(PROJECT, "Завершённый проект", 100, 100, 500),
                seed(CONTEST, "Победа в конкурсе", 200, 200, 200),
                seed(WEEKLY, "Самый активный участник недели", 500, 500, 500)));
    }

    private static EarningRule seed(String id, String title, long points, long min, long max) {
        return new EarningRule(id, 1, title, points, min, max, Instant.EPOCH);
    }

    /** This catalogue with more versions; a version already known is replaced by the one given. */
    public RuleCatalog with(List<EarningRule> added) {
        Map<String, List<EarningRule>> next = new HashMap<>();
        versions.forEach((id, list) -> next.put(id, new ArrayList<>(list)));
        for (EarningRule rule : added) {
            List<EarningRule> list = next.computeIfAbsent(rule.id(), id -> new ArrayList<>());
            list.removeIf(known -> known.version() == rule.version());
            list.add(rule);
            list.sort(Comparator.comparingInt(EarningRule::version));
        }
        next.replaceAll((id, list) -> List.copyOf(list));
        return new RuleCatalog(Map.copyOf(next), configuredLimits);
    }

    /** The version of a rule in force at {@code at}. */
    public Optional<EarningRule> rule(String id, Instant at) {
        List<EarningRule> list = versions.getOrDefault(id, List.of());
        for (int i = list.size() - 1; i >= 0; i--) {
            if (!list.get(i).effectiveFrom().isAfter(at)) {
                return Optional.of(list.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * The caps in a community of the rule version in force at {@code at}: the community's own, else the version's,
     * else the configured ones; empty when the rule has none.
     */
    public Optional<EarningLimits> limits(String id, Instant at, long communityId) {
        return rule(id, at).map(rule -> rule.limitsIn(communityId))
                .or(() -> Optional.ofNullable(configuredLimits.get(id)));
    }
}
