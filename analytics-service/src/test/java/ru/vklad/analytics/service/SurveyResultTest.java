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
        for (int i = 0; i < 5; i++) {
            answers.add(new Answer("ИТ", 10));
        }
        answers.add(new Answer("Юристы", 0));
        answers.add(new Answer(null, 0));
        SurveyResult result = SurveyResult.of(answers, 5);

        assertThat(result.overall().nps()).isEqualTo(new NetPromoterScore(7, 5, 0, 2, 42.9));
        assertThat(result.departments()).extracting(SurveyResult.Group::department).containsExactly("ИТ", "Юристы");
        assertThat(result.departments().get(0).nps().score()).isEqualTo(100.0);
        assertThat(result.departments().get(1).shown()).isFalse();
        assertThat(result.departments().get(1).nps()).as("not even the count of a small group").isNull();
        assertThat(SurveyResult.of(answers.subList(0, 4), 5).overall().shown()).isFalse();
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
        List<SurveyResult.Change> changes = SurveyResult.changes(SurveyResult.of(before, 5), SurveyResult.of(after, 5));

        assertThat(changes).contains(new SurveyResult.Change("ИТ", -20.0, 60.0, 80.0));
        assertThat(changes).contains(new SurveyResult.Change("Склад", 100.0, null, null));
        assertThat(changes.get(0).department()).isNull();
        assertThat(changes.get(0).before()).isEqualTo(40.0);
        assertThat(changes.get(0).after()).isEqualTo(66.7);
    }
}
