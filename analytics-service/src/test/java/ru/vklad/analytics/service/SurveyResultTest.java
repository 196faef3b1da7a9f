package ru.vklad.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import ru.vklad.analytics.service.SurveyResult.Answer;

class SurveyResultTest {

    @Test
    void promotersMinusDetractorsInPercent() {
        // 5 promoters, 3 passives, 2 detractors of 10: 50 % − 20 % = 30.
        NetPromoterScore nps = NetPromoterScore.of(List.of(10, 9, 9, 10, 9, 8, 7, 7, 6, 0));
        assertThat(nps).isEqualTo(new NetPromoterScore(10, 5, 3, 2, 30.0));
        assertThat(NetPromoterScore.of(List.of(0, 0, 6)).score()).isEqualTo(-100.0);
        assertThat(NetPromoterScore.of(List.of(9, 7, 3)).score()).isEqualTo(0.0);
        assertThat(NetPromoterScore.of(List.of(9, 9, 5)).score()).isEqualTo(33.3);
        assertThatThrownBy(() -> NetPromoterScore.of(List.of(11))).hasMessageContaining("0–10");
    }

    @Test
    void aDepartmentBelowTheThresholdIsNotShownButCountsOverall() {
        List<Answer> answers = new ArrayList<>();
        answers.addAll(answers("ИТ", 10, 10, 10, 10, 10));
        answers.addAll(answers("Склад", 9, 9, 9, 7, 0));
        answers.addAll(answers("Юристы", 0, 0, 0));
        answers.addAll(answers(null, 0, 9));
        SurveyResult result = SurveyResult.of(answers, 5);

        assertThat(result.overall().nps()).isEqualTo(new NetPromoterScore(15, 9, 1, 5, 26.7));
        assertThat(result.departments()).extracting(SurveyResult.Group::department)
                .containsExactly("ИТ", "Склад", "Юристы");
        assertThat(result.departments().get(0).nps().score()).isEqualTo(100.0);
        assertThat(result.departments().get(1).nps().score()).isEqualTo(40.0);
        assertThat(result.departments().get(2).shown()).isFalse();
        assertThat(result.departments().get(2).nps()).as("not even the count of a small group").isNull();
        assertThat(SurveyResult.of(answers.subList(0, 4), 5).overall().shown()).isFalse();
    }

    @Test
    void whatSubtractingTheShownGroupsFromOverallWouldRevealIsHiddenToo() {
        // ИТ 6, Склад 5, Юристы 1: overall minus ИТ and Склад would be the lawyer's own answer, so the smallest shown
        // department goes too, and the 6 answers not shown separately reveal no one.
        List<Answer> answers = new ArrayList<>();
        answers.addAll(answers("ИТ", 10, 10, 10, 10, 10, 9));
        answers.addAll(answers("Склад", 9, 9, 9, 7, 0));
        answers.addAll(answers("Юристы", 0));
        SurveyResult result = SurveyResult.of(answers, 5);

        assertThat(result.overall().nps().respondents()).isEqualTo(12);
        assertThat(result.departments()).extracting(SurveyResult.Group::shown).containsExactly(true, false, false);
        assertThat(result.departments().get(1).nps()).isNull();

        // Answers of no known department are protected the same way; of equal size, the first by name goes.
        List<Answer> unknown = new ArrayList<>(answers("ИТ", 10, 10, 10, 10, 10));
        unknown.addAll(answers("Склад", 0, 0, 0, 0, 0));
        unknown.addAll(answers(null, 0));
        assertThat(SurveyResult.of(unknown, 5).departments()).extracting(SurveyResult.Group::shown)
                .containsExactly(false, true);

        // Nothing left over, or enough of it: every department at the threshold is shown.
        assertThat(SurveyResult.of(answers.subList(0, 11), 5).departments())
                .extracting(SurveyResult.Group::shown).containsExactly(true, true);
        List<Answer> enoughLeftOver = new ArrayList<>(answers.subList(0, 11));
        enoughLeftOver.addAll(answers("Юристы", 0, 0, 9, 10));
        enoughLeftOver.addAll(answers(null, 5));
        assertThat(SurveyResult.of(enoughLeftOver, 5).departments()).extracting(SurveyResult.Group::shown)
                .containsExactly(true, true, false);

        // Two departments, one small: the other cannot be shown at all, though the overall is.
        List<Answer> two = new ArrayList<>(answers("ИТ", 10, 10, 10, 10, 10, 10, 10));
        two.addAll(answers("Юристы", 0, 0));
        SurveyResult pair = SurveyResult.of(two, 5);
        assertThat(pair.overall().shown()).isTrue();
        assertThat(pair.departments()).extracting(SurveyResult.Group::shown).containsExactly(false, false);
    }

    private static List<Answer> answers(String department, int... scores) {
        List<Answer> answers = new ArrayList<>();
        for (int score : scores) {
            answers.add(new Answer(department, score));
        }
        return answers;
    }

    @Test
    void theChangeBetweenTwoSurveysIsShownWhereBothSidesAre() {
        List<Answer> before = new ArrayList<>();
        List<Answer> after = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            before.add(new Answer("ИТ", i < 2 ? 10 : 5));     // 40 − 60 = −20
            after.add(new Answer("ИТ", i < 4 ? 10 : 5));      // 80 − 20 = 60
            before.add(new Answer("Склад", 10));
        }
        after.add(new Answer("Склад", 10));
        after.addAll(answers("Цех", 0, 0, 7, 9));         // with Склад, 5 answers not shown separately
        List<SurveyResult.Change> changes = SurveyResult.changes(SurveyResult.of(before, 5), SurveyResult.of(after, 5));

        assertThat(changes).contains(new SurveyResult.Change("ИТ", -20.0, 60.0, 80.0));
        assertThat(changes).contains(new SurveyResult.Change("Склад", 100.0, null, null));
        assertThat(changes.get(0).department()).isNull();
        assertThat(changes.get(0).before()).isEqualTo(40.0);
        assertThat(changes.get(0).after()).isEqualTo(30.0);
    }
}
