package ru.vklad.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ToneClassifierTest {

    private final ToneClassifier lexicon = ToneClassifier.of("""
            # test lexicon
            2\tотлично
            1\tудобно
            -2\tплохо
            -1\tдолго
            0\tничего себе
            -1\tтак себе
            """);

    @Test
    void sumsTheWeightsOfAllFormsOfTheWords() {
        assertThat(lexicon.score("Отлично и удобно")).isEqualTo(3);
        assertThat(lexicon.tone("ОТЛИЧНО")).isEqualTo(CommentTone.POSITIVE);
        assertThat(lexicon.tone("плохо")).isEqualTo(CommentTone.NEGATIVE);
        assertThat(lexicon.tone("во сколько начало")).isEqualTo(CommentTone.NEUTRAL);
    }

    @Test
    void aNegationTurnsTheNextWordWithinItsClause() {
        assertThat(lexicon.score("не удобно")).isEqualTo(-1);
        assertThat(lexicon.score("не очень-то и удобно")).isEqualTo(1);
        assertThat(lexicon.score("не очень удобно")).isEqualTo(-1);
        assertThat(lexicon.score("не плохо")).isEqualTo(1);
        assertThat(lexicon.score("не пришли, удобно")).isEqualTo(1);
    }

    @Test
    void wordsAfterButCountTwice() {
        assertThat(lexicon.tone("удобно, но долго")).isEqualTo(CommentTone.NEGATIVE);
        assertThat(lexicon.tone("долго, зато удобно")).isEqualTo(CommentTone.POSITIVE);
    }

    @Test
    void phrasesCountBeforeTheirWords() {
        assertThat(lexicon.score("ничего себе, удобно")).isEqualTo(1);
        assertThat(lexicon.tone("так себе")).isEqualTo(CommentTone.NEGATIVE);
    }

    @Test
    void unbalancedBracketsAreSmileys() {
        assertThat(lexicon.tone("Спасибо)")).isEqualTo(CommentTone.POSITIVE);
        assertThat(lexicon.tone("опять(((")).isEqualTo(CommentTone.NEGATIVE);
        assertThat(lexicon.tone("встреча (в пятницу)")).isEqualTo(CommentTone.NEUTRAL);
    }

    @Test
    void theBundledLexiconKnowsEmoji() {
        ToneClassifier bundled = ToneClassifier.bundled();

        assertThat(bundled.tone("👍")).isEqualTo(CommentTone.POSITIVE);
        assertThat(bundled.tone("❤️")).isEqualTo(CommentTone.POSITIVE);
        assertThat(bundled.tone("😡")).isEqualTo(CommentTone.NEGATIVE);
    }

    @Test
    void aMalformedLexiconLineIsNamed() {
        assertThatThrownBy(() -> ToneClassifier.of("2 отлично")).hasMessageContaining("line 1");
    }
}
