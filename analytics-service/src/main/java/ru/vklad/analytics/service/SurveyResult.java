package ru.vklad.analytics.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A survey's eNPS/NPS overall and per department. A group with fewer respondents than the anonymity threshold is
 * not shown: its score is null, and so are its counts, so nobody's answer can be inferred from a small group.
 * Answers of members of no known department count overall only. No I/O.
 */
public record SurveyResult(Group overall, List<Group> departments) {

    /** One group's result; {@code nps} null when the group is below the threshold. */
    public record Group(@Schema(examples = "Продажи") String department, boolean shown, NetPromoterScore nps) {
    }

    /** An answer: the respondent's department when they answered (null: unknown) and their 0–10 score. */
    public record Answer(String department, int score) {
    }

    public static SurveyResult of(List<Answer> answers, int minimumRespondents) {
        Map<String, List<Integer>> byDepartment = new TreeMap<>();
        List<Integer> all = new ArrayList<>();
        for (Answer answer : answers) {
            all.add(answer.score());
            if (answer.department() != null) {
                byDepartment.computeIfAbsent(answer.department(), d -> new ArrayList<>()).add(answer.score());
            }
        }
        List<Group> departments = new ArrayList<>();
        byDepartment.forEach((department, scores) -> departments.add(group(department, scores, minimumRespondents)));
        departments.sort(Comparator.comparing(Group::department));
        return new SurveyResult(group(null, all, minimumRespondents), List.copyOf(departments));
    }

    private static Group group(String department, List<Integer> scores, int minimumRespondents) {
        return scores.size() >= minimumRespondents
                ? new Group(department, true, NetPromoterScore.of(scores))
                : new Group(department, false, null);
    }

    /** The change of each shown score from {@code before} to {@code after}: overall and for departments in both. */
    public static List<Change> changes(SurveyResult before, SurveyResult after) {
        List<Change> changes = new ArrayList<>();
        changes.add(Change.of(null, before.overall(), after.overall()));
        Map<String, Group> earlier = new TreeMap<>();
        before.departments().forEach(group -> earlier.put(group.department(), group));
        for (Group later : after.departments()) {
            Group previous = earlier.get(later.department());
            if (previous != null) {
                changes.add(Change.of(later.department(), previous, later));
            }
        }
        return changes;
    }

    /** Before and after scores of a group and their difference; null where a side is not shown. */
    public record Change(@Schema(examples = "Продажи") String department, @Schema(examples = "11.5") Double before,
                         @Schema(examples = "23.3") Double after, @Schema(examples = "11.8") Double change) {

        static Change of(String department, Group before, Group after) {
            Double from = before.shown() ? before.nps().score() : null;
            Double to = after.shown() ? after.nps().score() : null;
            return new Change(department, from, to,
                    from == null || to == null ? null : Math.round((to - from) * 10) / 10.0);
        }
    }
}
