package ru.vklad.activity.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import ru.vklad.activity.service.AbuseChecks.MemberHistory;

class AbuseChecksTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");
    private final AbuseChecks checks = new AbuseChecks(new BurstFlag(20, Duration.ofSeconds(60)),
            new CyclingFlag(5, Duration.ofMinutes(10)), new NewMemberFlag(40, Duration.ofDays(3)),
            new FanFlag(5, 0.8, Duration.ofSeconds(10), Duration.ofDays(30)));

    @Test
    void anOrdinaryMemberIsNotFlagged() {
        assertThat(checks.assess(new MemberHistory(3, 1, AT.minus(Duration.ofDays(30)), 500), AT)).isEmpty();
        assertThat(checks.assess(new MemberHistory(0, 0, null, 0), AT)).as("a first award").isEmpty();
    }

    @Test
    void likeUnlikeCyclingIsFlaggedWithTheCountAndTheWindow() {
        AbuseChecks.Suspicion suspicion = checks.assess(new MemberHistory(2, 5, AT.minus(Duration.ofDays(30)), 90), AT)
                .orElseThrow();
        assertThat(suspicion.flags()).containsExactly("cycling");
        assertThat(suspicion.reason()).isEqualTo("частые отмены: 5 отмен отметок за 10 мин");
        assertThat(new CyclingFlag(1, Duration.ofMinutes(10)).reason(1)).contains(
                "частые отмены: 1 отмена отметок за 10 мин");
        assertThat(new CyclingFlag(1, Duration.ofMinutes(10)).reason(3)).contains(
                "частые отмены: 3 отмены отметок за 10 мин");
        assertThat(new CyclingFlag(1, Duration.ofSeconds(90)).reason(11)).contains(
                "частые отмены: 11 отмен отметок за 90 с");
    }

    @Test
    void aNewcomerEarningFastIsFlaggedOnlyWithinTheirFirstDays() {
        Instant first = AT.minus(Duration.ofDays(1));
        assertThat(checks.assess(new MemberHistory(0, 0, first, 39), AT)).isEmpty();
        assertThat(checks.assess(new MemberHistory(0, 0, first, 40), AT).orElseThrow().reason())
                .isEqualTo("новый участник: 41-е начисление за первые 3 дн.");
        assertThat(checks.assess(new MemberHistory(0, 0, AT.minus(Duration.ofDays(3)), 400), AT))
                .as("three days on, no longer new").isEmpty();
    }

    @Test
    void everyCheckThatFiresIsNamedAndExplained() {
        AbuseChecks.Suspicion suspicion = checks.assess(new MemberHistory(20, 6, AT.minusSeconds(600), 44), AT)
                .orElseThrow();
        assertThat(suspicion.flags()).containsExactly("burst", "cycling", "new_member");
        assertThat(suspicion.reason()).isEqualTo("серия: 21-е начисление за 60 с; частые отмены: 6 отмен отметок "
                + "за 10 мин; новый участник: 45-е начисление за первые 3 дн.");
    }

    @Test
    void likingNearlyEveryPostOfOneAuthorAtOnceIsFlagged() {
        Instant old = AT.minus(Duration.ofDays(90));
        assertThat(checks.assess(new MemberHistory(0, 0, old, 500, 4, 4), AT)).as("too few to tell").isEmpty();
        assertThat(checks.assess(new MemberHistory(0, 0, old, 500, 5, 7), AT)).as("5 of 7 is not nearly all")
                .isEmpty();
        AbuseChecks.Suspicion suspicion = checks.assess(new MemberHistory(0, 0, old, 500, 5, 6), AT).orElseThrow();
        assertThat(suspicion.flags()).containsExactly("fan");
        assertThat(suspicion.reason())
                .isEqualTo("отметки почти всех публикаций одного автора в первые 10 с: 5 из 6 за 30 дн.");
    }

    @Test
    void thresholdsMustMakeSense() {
        assertThatThrownBy(() -> new FanFlag(5, 1.5, Duration.ofSeconds(10), Duration.ofDays(30)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CyclingFlag(0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NewMemberFlag(5, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
