package ru.vklad.activity.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The earning rules in force. Defaults are the product's published table (seed 000): like 1 (1–5), substantive
 * comment 5 (5–10), repost 10 (10–15), poll vote 3 (3–5); manual and scheduled awards (approved idea 50–100,
 * finished project 100–500, contest win 200, weekly most active 500) share the catalogue for their ranges.
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

    private final Map<String, EarningRule> rules;

    public RuleCatalog(Map<String, EarningRule> rules) {
        this.rules = Map.copyOf(rules);
    }

    public static RuleCatalog defaults() {
        Map<String, EarningRule> rules = new LinkedHashMap<>();
        put(rules, new EarningRule(LIKE, 1, "Отметка «Мне нравится»", 1, 1, 5));
        put(rules, new EarningRule(COMMENT, 1, "Содержательный комментарий", 5, 5, 10));
        put(rules, new EarningRule(REPOST, 1, "Репост публикации", 10, 10, 15));
        put(rules, new EarningRule(POLL_VOTE, 1, "Участие в опросе", 3, 3, 5));
        put(rules, new EarningRule(IDEA, 1, "Одобренная идея", 50, 50, 100));
        put(rules, new EarningRule(PROJECT, 1, "Завершённый проект", 100, 100, 500));
        put(rules, new EarningRule(CONTEST, 1, "Победа в конкурсе", 200, 200, 200));
        put(rules, new EarningRule(WEEKLY, 1, "Самый активный участник недели", 500, 500, 500));
        return new RuleCatalog(rules);
    }

    private static void put(Map<String, EarningRule> rules, EarningRule rule) {
        rules.put(rule.id(), rule);
    }

    public Optional<EarningRule> rule(String id) {
        return Optional.ofNullable(rules.get(id));
    }
}
