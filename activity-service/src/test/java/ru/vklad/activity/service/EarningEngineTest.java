package ru.vklad.activity.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ru.vklad.events.Activity;
import ru.vklad.events.ActivityType;
import ru.vklad.events.AwardCommand;
import ru.vklad.events.VkObject;

class EarningEngineTest {

    private static final long GROUP = 229000001L;
    private static final VkObject POST = new VkObject("post", -GROUP, 1201, null);
    private static final VkObject COMMENT = new VkObject("comment", -GROUP, 5402, 1201L);
    private static final String LONG_TEXT = "Отличная инициатива, предлагаю голосовать за идеи раз в месяц";

    private final EarningEngine engine = new EarningEngine(RuleCatalog.defaults(), new SubstantiveComment(20));

    @Test
    void likeEarnsTheDefaultPointWithRuleVersionReasonAndStableKey() {
        AwardCommand award = engine.decide(activity("e1", ActivityType.LIKE_ADDED, 7, POST, null), Optional.empty())
                .orElseThrow();
        assertThat(award.points()).isEqualTo(1);
        assertThat(award.ruleId()).isEqualTo("like");
        assertThat(award.ruleVersion()).isEqualTo(1);
        assertThat(award.memberVkId()).isEqualTo(7);
        assertThat(award.reason()).isEqualTo("за отметку «Мне нравится» к посту 1201");
        assertThat(award.idempotencyKey()).isEqualTo("vk:229000001:like:7:post:-229000001_1201");
    }

    @Test
    void likeUnlikeLikeAgainGivesTheSameKeySoItEarnsOnce() {
        AwardCommand first = engine.decide(activity("e1", ActivityType.LIKE_ADDED, 7, POST, null), Optional.empty())
                .orElseThrow();
        AwardCommand again = engine.decide(activity("e3", ActivityType.LIKE_ADDED, 7, POST, null), Optional.empty())
                .orElseThrow();
        assertThat(again.idempotencyKey()).isEqualTo(first.idempotencyKey());
        assertThat(again.commandId()).isNotEqualTo(first.commandId());
    }

    @Test
    void noPointsForActingOnOnesOwnContent() {
        assertThat(engine.decide(activity("e1", ActivityType.LIKE_ADDED, 7, POST, null), Optional.of(7L))).isEmpty();
        assertThat(engine.decide(comment("e2", ActivityType.COMMENT_ADDED, 7, LONG_TEXT), Optional.of(7L))).isEmpty();
        assertThat(engine.decide(activity("e3", ActivityType.REPOST, 7, POST, null), Optional.of(7L))).isEmpty();
        assertThat(engine.decide(activity("e1", ActivityType.LIKE_ADDED, 7, POST, null), Optional.of(8L))).isPresent();
    }

    @Test
    void onlySubstantiveCommentsEarnAndAnEditThatMakesOneSubstantiveUsesTheSameKey() {
        assertThat(engine.decide(comment("e1", ActivityType.COMMENT_ADDED, 7, "👍👍🔥"), Optional.empty())).isEmpty();
        AwardCommand edited = engine.decide(comment("e2", ActivityType.COMMENT_EDITED, 7, LONG_TEXT), Optional.empty())
                .orElseThrow();
        AwardCommand added = engine.decide(comment("e3", ActivityType.COMMENT_ADDED, 7, LONG_TEXT), Optional.empty())
                .orElseThrow();
        assertThat(edited.idempotencyKey()).isEqualTo(added.idempotencyKey());
        assertThat(added.points()).isEqualTo(5);
        assertThat(added.reason()).isEqualTo("за содержательный комментарий к посту 1201");
    }

    @Test
    void repostAndPollVoteEarnTheirDefaults() {
        assertThat(engine.decide(activity("e1", ActivityType.REPOST, 7, POST, null), Optional.empty()).orElseThrow()
                .points()).isEqualTo(10);
        assertThat(engine.decide(activity("e2", ActivityType.POLL_VOTE, 7, new VkObject("poll", -GROUP, 880012, null),
                null), Optional.empty()).orElseThrow().points()).isEqualTo(3);
    }

    @Test
    void otherActivitiesEarnNothingHere() {
        for (ActivityType type : new ActivityType[] {ActivityType.LIKE_REMOVED, ActivityType.COMMENT_DELETED,
                ActivityType.POST_PUBLISHED, ActivityType.MEMBER_JOINED, ActivityType.BOT_MESSAGE}) {
            assertThat(engine.decide(activity("e", type, 7, POST, "текст достаточно длинный для проверки"),
                    Optional.empty())).as(type.name()).isEmpty();
        }
    }

    private static Activity comment(String event, ActivityType type, long member, String text) {
        return activity(event, type, member, COMMENT, text);
    }

    private static Activity activity(String event, ActivityType type, long member, VkObject object, String text) {
        return new Activity(GROUP + ":" + event, GROUP, type, member, object, null, text, false, null, 0,
                Instant.parse("2026-11-23T10:00:00Z"));
    }
}
