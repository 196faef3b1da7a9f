package ru.vklad.analytics.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A survey's eNPS/NPS overall and per department. A group with fewer respondents than the anonymity threshold is
 * not shown: its score is null, and so are its counts, so nobody's answer can be inferred from a small group.
 * Answers of members of no known department count overall only.
 * <p>
 * The overall counts minus the shown departments' are the answers not shown separately (hidden departments and
 * answers of no known department). Were they fewer than the threshold, subtracting would reveal them, so further
 * departments are hidden, the smallest first (ties by name), until those answers are none or at least the
 * threshold (complementary suppression). No I/O.
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
        Set<String> shown = new TreeSet<>();
        byDepartment.forEach((department, scores) -> {
            if (scores.size() >= minimumRespondents) {
                shown.add(department);
            }
        });
        Comparator<String> smallestFirst = Comparator.<String>comparingInt(d -> byDepartment.get(d).size())
                .thenComparing(Comparator.naturalOrder());
        while (!shown.isEmpty()) {
            int notShownSeparately = all.size() - shown.stream().mapToInt(d -> byDepartment.get(d).size()).sum();
            if (notShownSeparately == 0 || notShownSeparately >= minimumRespondents) {
                break;
            }
            shown.remove(shown.stream().min(smallestFirst).orElseThrow());
        }
        List<Group> departments = new ArrayList<>();
        byDepartment.forEach((department, scores) -> departments.add(shown.contains(department)
                ? new Group(department, true, NetPromoterScore.of(scores))
                : new Group(department, false, null)));
        Group overall = all.size() >= minimumRespondents
                ? new Group(null, true, NetPromoterScore.of(all))
                : new Group(null, false, null);
        return new SurveyResult(overall, List.copyOf(departments));
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
