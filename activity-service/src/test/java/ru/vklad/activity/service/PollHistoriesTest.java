package ru.vklad.activity.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ru.vklad.activity.service.PollHistories.MemberKey;

class PollHistoriesTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final AbuseChecks CHECKS = new AbuseChecks(new BurstFlag(20, Duration.ofSeconds(60)),
            new CyclingFlag(5, Duration.ofMinutes(10)), new NewMemberFlag(40, Duration.ofDays(3)),
            new FanFlag(5, 0.8, Duration.ofSeconds(10), Duration.ofDays(30)));
    private static final MemberKey MEMBER = new MemberKey(229000001L, 1001L);
    /** Wednesday 2026-11-25 12:00 in Moscow. */
    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    @Test
    void readsBackFarEnoughForTheWeekTheCooldownsAndEveryCheck() {
        PollHistories histories = new PollHistories(MOSCOW, CHECKS, NOW, Duration.ofSeconds(60));
        assertThat(histories.since()).as("the new member check's 3 days reach back past Monday to Sunday")
                .isEqualTo(LocalDate.of(2026, 11, 22).atStartOfDay(MOSCOW).toInstant());
        assertThat(histories.fanSince()).isEqualTo(NOW.minus(Duration.ofDays(30)));
        assertThat(histories.logsSince()).as("the cycling window").isEqualTo(NOW.minus(Duration.ofMinutes(10)));
        assertThat(PollHistories.since(NOW, MOSCOW, CHECKS, Duration.ofDays(10))).as("a long cooldown")
                .isEqualTo(LocalDate.of(2026, 11, 15).atStartOfDay(MOSCOW).toInstant());
        AbuseChecks shortChecks = new AbuseChecks(CHECKS.burst(), CHECKS.cycling(),
                new NewMemberFlag(40, Duration.ofHours(1)), CHECKS.fan());
        assertThat(PollHistories.since(NOW, MOSCOW, shortChecks, Duration.ZERO)).as("the ISO week")
                .isEqualTo(LocalDate.of(2026, 11, 23).atStartOfDay(MOSCOW).toInstant());
    }

    @Test
    void aStandingAddsWhatThePollCountedToWhatWasRead() {
        PollHistories histories = new PollHistories(MOSCOW, CHECKS, NOW.minusSeconds(600), Duration.ZERO);
        Instant monday = Instant.parse("2026-11-23T07:00:00Z");
        histories.load(
                List.of(new PollHistories.Usage(MEMBER, "like", LocalDate.of(2026, 11, 23), 3, monday),
                        new PollHistories.Usage(MEMBER, "like", LocalDate.of(2026, 11, 25), 2, NOW.minusSeconds(90)),
                        new PollHistories.Usage(MEMBER, "repost", LocalDate.of(2026, 11, 25), 1, NOW.minusSeconds(30)),
                        new PollHistories.Usage(MEMBER, "like", LocalDate.of(2026, 11, 20), 7,
                                NOW.minus(Duration.ofDays(5)))),
                List.of(new PollHistories.Award(MEMBER, NOW.minusSeconds(90)),
                        new PollHistories.Award(MEMBER, NOW.minusSeconds(30))),
                List.of(new PollHistories.Takeback(MEMBER, "e1", NOW.minusSeconds(120))),
                Map.of(MEMBER, monday), List.of(), List.of());

        PollHistories.Standing before = histories.standing(MEMBER, "like", NOW);
        assertThat(before).isEqualTo(new PollHistories.Standing(2, 5, NOW.minusSeconds(90), 1, 1, monday, 6));

        histories.countAward(MEMBER, "like", NOW);
        histories.recordTakeback(MEMBER, "e2", NOW.plusSeconds(1));
        histories.recordTakeback(MEMBER, "e1", NOW.minusSeconds(120));
        PollHistories.Standing after = histories.standing(MEMBER, "like", NOW.plusSeconds(2));
        assertThat(after).isEqualTo(new PollHistories.Standing(3, 6, NOW, 2, 2, monday, 7));
        // An action earlier than the poll's award does not see it in its burst window.
        assertThat(histories.standing(MEMBER, "like", NOW.minusSeconds(10)).awardsInBurst()).isEqualTo(1);

        assertThat(histories.addedUsage())
                .containsExactly(new PollHistories.Usage(MEMBER, "like", LocalDate.of(2026, 11, 25), 1, NOW));
        assertThat(histories.addedAwards()).containsExactly(new PollHistories.Award(MEMBER, NOW));
        assertThat(histories.addedTakebacks()).as("e1 was read, so only e2 is new")
                .containsExactly(new PollHistories.Takeback(MEMBER, "e2", NOW.plusSeconds(1)));
        assertThat(histories.changedFirstAwards()).isEmpty();
    }

    @Test
    void aNewcomersFirstAwardIsTheirFirst() {
        PollHistories histories = new PollHistories(MOSCOW, CHECKS, NOW.minusSeconds(600), Duration.ZERO);
        histories.load(List.of(), List.of(), List.of(), Map.of(), List.of(), List.of());

        assertThat(histories.standing(MEMBER, "like", NOW))
                .isEqualTo(new PollHistories.Standing(0, 0, null, 0, 0, null, 0));
        histories.countAward(MEMBER, "like", NOW);
        histories.countAward(MEMBER, "repost", NOW.minusSeconds(5));

        assertThat(histories.standing(MEMBER, "like", NOW.plusSeconds(1)))
                .isEqualTo(new PollHistories.Standing(1, 1, NOW, 2, 0, NOW.minusSeconds(5), 2));
        assertThat(histories.changedFirstAwards()).containsExactly(Map.entry(MEMBER, NOW.minusSeconds(5)));
    }

    @Test
    void quickLikesOfOneAuthorAreCountedAgainstTheirPostsInThePeriod() {
        long author = 2002L;
        Instant published = NOW.minusSeconds(3);
        PollHistories histories = new PollHistories(MOSCOW, CHECKS, NOW.minusSeconds(600), Duration.ZERO);
        histories.load(List.of(), List.of(), List.of(), Map.of(),
                List.of(new PollHistories.QuickLike(MEMBER, author, "post:-229000001_1", NOW.minus(Duration.ofDays(2))),
                        new PollHistories.QuickLike(MEMBER, author, "post:-229000001_2", NOW.minus(Duration.ofDays(1))),
                        new PollHistories.QuickLike(MEMBER, 3003L, "post:-229000001_9", NOW.minus(Duration.ofDays(1)))),
                List.of(new PollHistories.Post(229000001L, "post:-229000001_1", author, NOW.minus(Duration.ofDays(2))),
                        new PollHistories.Post(229000001L, "post:-229000001_2", author, NOW.minus(Duration.ofDays(1))),
                        new PollHistories.Post(229000001L, "post:-229000001_3", author, published),
                        new PollHistories.Post(229000001L, "post:-229000001_4", MEMBER.memberVkId(), published)));

        assertThat(histories.quickLikes(MEMBER, "post:-229000001_3", NOW))
                .isEqualTo(new PollHistories.QuickLikes(3, 3));
        assertThat(histories.addedQuickLikes())
                .containsExactly(new PollHistories.QuickLike(MEMBER, author, "post:-229000001_3", NOW));
        assertThat(histories.quickLikes(MEMBER, "post:-229000001_3", NOW.plusSeconds(20)))
                .as("later than the fan check's delay").isEqualTo(PollHistories.QuickLikes.NONE);
        assertThat(histories.quickLikes(MEMBER, "post:-229000001_4", NOW))
                .as("one's own post").isEqualTo(PollHistories.QuickLikes.NONE);
        assertThat(histories.quickLikes(MEMBER, "post:-229000001_404", NOW))
                .as("unknown post").isEqualTo(PollHistories.QuickLikes.NONE);
    }
}
