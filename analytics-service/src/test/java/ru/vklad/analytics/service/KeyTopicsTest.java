package ru.vklad.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class KeyTopicsTest {

    @Test
    void aNewTermOutranksOneEveryPeriodUses() {
        List<KeyTopics.Topic> topics = KeyTopics.rank(List.of(
                        new KeyTopics.TermCount("офис", "офис", 6),
                        new KeyTopics.TermCount("парковк", "парковка", 4)),
                10, List.of(Set.of("офис"), Set.of("офис", "обед"), Set.of("офис")), 2, 10);

        assertThat(topics).extracting(KeyTopics.Topic::word).containsExactly("парковка", "офис");
        assertThat(topics.get(0).score()).isCloseTo(0.4 * (Math.log(4.0) + 1), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(topics.get(1).score()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void termsOfTooFewCommentsAreNoTopics() {
        assertThat(KeyTopics.rank(List.of(new KeyTopics.TermCount("иван", "иван", 1)), 5, List.of(), 2, 10))
                .isEmpty();
        assertThat(KeyTopics.rank(List.of(), 0, List.of(), 2, 10)).isEmpty();
    }

    @Test
    void tiesGoToMoreCommentsThenToTheTerm() {
        List<KeyTopics.Topic> topics = KeyTopics.rank(List.of(
                        new KeyTopics.TermCount("б", "б", 3), new KeyTopics.TermCount("а", "а", 3),
                        new KeyTopics.TermCount("в", "в", 2)),
                10, List.of(), 2, 2);

        assertThat(topics).extracting(KeyTopics.Topic::term).containsExactly("а", "б");
    }
}
