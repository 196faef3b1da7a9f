package ru.vklad.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RussianWordsTest {

    @Test
    void formsOfOneWordShareTheirStem() {
        assertThat(RussianWords.stems("отпуск отпуска отпуском")).containsOnly("отпуск");
        assertThat(RussianWords.stems("Ёлка ёлки елку")).containsOnly("елк");
    }

    @Test
    void stopWordsAreKeptButMarkedAndEmojiAreWords() {
        List<RussianWords.Word> words = RussianWords.of("Не работает VPN 👍");

        assertThat(words).extracting(RussianWords.Word::text).containsExactly("не", "работает", "vpn", "👍");
        assertThat(words.get(0).stopWord()).isTrue();
        assertThat(words.get(3).emoji()).isTrue();
        assertThat(words).filteredOn(RussianWords.Word::topical).extracting(RussianWords.Word::text)
                .containsExactly("работает", "vpn");
    }

    @Test
    void clausesAreNumberedAtPunctuation() {
        assertThat(RussianWords.of("хорошо, но долго! да")).extracting(RussianWords.Word::clause)
                .containsExactly(0, 1, 1, 2);
    }

    @Test
    void aCommentKeepsEachTermOnceWithItsFirstForm() {
        CommentAnalysis analysis = CommentAnalysis.of("Новый офис! Офисы в центре, 2025 год", ToneClassifier.bundled());

        assertThat(analysis.terms()).containsEntry("офис", "офис").containsKeys("нов", "центр")
                .doesNotContainKey("2025").doesNotContainKey("в");
    }
}
