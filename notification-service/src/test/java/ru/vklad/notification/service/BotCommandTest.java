package ru.vklad.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BotCommandTest {

    @Test
    void typedCommandsAreUnderstoodWhateverTheirCaseAndPunctuation() {
        assertThat(BotCommand.of("Баланс", null)).isEqualTo(BotCommand.BALANCE);
        assertThat(BotCommand.of("  история!  ", null)).isEqualTo(BotCommand.HISTORY);
        assertThat(BotCommand.of("Какие правила?", null)).isEqualTo(BotCommand.RULES);
        assertThat(BotCommand.of("мой рейтинг", null)).isEqualTo(BotCommand.RANK);
        assertThat(BotCommand.of("/help", null)).isEqualTo(BotCommand.HELP);
        assertThat(BotCommand.of("сколько у меня баллов", null)).isEqualTo(BotCommand.HELP);
        assertThat(BotCommand.of("баллы", null)).isEqualTo(BotCommand.BALANCE);
    }

    @Test
    void aButtonsPayloadWinsOverItsLabel() {
        assertThat(BotCommand.of("Мой рейтинг", "{\"command\":\"rank\"}")).isEqualTo(BotCommand.RANK);
        assertThat(BotCommand.of("История", "{\"command\": \"history\"}")).isEqualTo(BotCommand.HISTORY);
    }

    @Test
    void anythingElseGetsHelpNotSilence() {
        assertThat(BotCommand.of("Привет! Как дела?", null)).isEqualTo(BotCommand.HELP);
        assertThat(BotCommand.of("", null)).isEqualTo(BotCommand.HELP);
        assertThat(BotCommand.of(null, null)).isEqualTo(BotCommand.HELP);
        assertThat(BotCommand.of("😀", "{\"command\":\"unknown\"}")).isEqualTo(BotCommand.HELP);
    }
}
