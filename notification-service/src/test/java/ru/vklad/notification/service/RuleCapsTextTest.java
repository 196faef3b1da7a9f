package ru.vklad.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import ru.vklad.events.EarningRuleChanged.Limits;

class RuleCapsTextTest {

    @Test
    void dailyAndWeeklyCapsWithACooldown() {
        assertThat(CommunityBot.caps(new Limits(10, 40, 60))).contains("до 10 в день и 40 в неделю, не чаще раза в 1 мин");
        assertThat(CommunityBot.caps(new Limits(50, 200, 0))).contains("до 50 в день и 200 в неделю");
    }

    @Test
    void aCapOfZeroIsLeftOutAndCooldownsReadInTheirLargestWholeUnit() {
        assertThat(CommunityBot.caps(new Limits(0, 20, 7200))).contains("до 20 в неделю, не чаще раза в 2 ч");
        assertThat(CommunityBot.caps(new Limits(5, 0, 45))).contains("до 5 в день, не чаще раза в 45 с");
    }

    @Test
    void noCapsSayNothing() {
        assertThat(CommunityBot.caps(new Limits(0, 0, 0))).isEmpty();
        assertThat(CommunityBot.caps(null)).isEmpty();
    }
}
