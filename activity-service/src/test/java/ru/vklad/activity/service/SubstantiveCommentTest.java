package ru.vklad.activity.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubstantiveCommentTest {

    private final SubstantiveComment test = new SubstantiveComment(20);

    @Test
    void lettersAreCountedWithoutLinksMentionsTagsAndEmoji() {
        assertThat(SubstantiveComment.letters("👍👍🔥")).isZero();
        assertThat(SubstantiveComment.letters("[id51200902|Мария], https://vk.com/wall-1_2 #идея @anna")).isZero();
        assertThat(SubstantiveComment.letters("Да, согласен 👍")).isEqualTo(10);
    }

    @Test
    void shortOrDecoratedCommentsAreNotSubstantive() {
        assertThat(test.test("Класс!")).isFalse();
        assertThat(test.test("")).isFalse();
        assertThat(test.test(null)).isFalse();
        assertThat(test.test("[id1|Иван Иванович Петров-Водкин] vk.com/some_very_long_link_here 🔥🔥🔥")).isFalse();
    }

    @Test
    void aRealOpinionIs() {
        assertThat(test.test("Поддерживаю, особенно идею с ежемесячным голосованием")).isTrue();
        assertThat(test.test("Good point, let us discuss it on Monday")).isTrue();
    }

    @Test
    void minimumMustBePositive() {
        assertThatThrownBy(() -> new SubstantiveComment(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
