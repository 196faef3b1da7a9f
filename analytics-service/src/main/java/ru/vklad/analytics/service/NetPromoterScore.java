package ru.vklad.analytics.service;

import java.util.Collection;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * eNPS/NPS of a set of answers on the 0–10 scale: promoters answer 9–10, passives 7–8, detractors 0–6; the
 * score is the percentage of promoters minus the percentage of detractors (−100 to 100, one decimal). No I/O.
 */
public record NetPromoterScore(@Schema(examples = "120") int respondents, @Schema(examples = "52") int promoters,
                               @Schema(examples = "44") int passives, @Schema(examples = "24") int detractors,
                               @Schema(examples = "23.3") double score) {

    public static NetPromoterScore of(Collection<Integer> answers) {
        int promoters = 0;
        int passives = 0;
        int detractors = 0;
        for (int answer : answers) {
            if (answer < 0 || answer > 10) {
                throw new IllegalArgumentException("an NPS answer is 0–10, not " + answer);
            }
            if (answer >= 9) {
                promoters++;
            } else if (answer >= 7) {
                passives++;
            } else {
                detractors++;
            }
        }
        int respondents = answers.size();
        double score = respondents == 0 ? 0 : Math.round((promoters - detractors) * 1000.0 / respondents) / 10.0;
        return new NetPromoterScore(respondents, promoters, passives, detractors, score);
    }
}
