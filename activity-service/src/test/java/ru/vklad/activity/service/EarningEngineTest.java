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
    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    private final EarningEngine engine = new EarningEngine(() -> RuleCatalog.defaults(java.util.Map.of()),
            new SubstantiveComment(20));

    @Test
    void likeEarnsTheDefaultPointWithRuleVersionReasonAndStableKey() {
        SlotChange like = change(activity("e1", ActivityType.LIKE_ADDED, 7, POST, null), Optional.empty()).orElseThrow();
        assertThat(like.effect()).isEqualTo(SlotChange.Effect.EARN);
        assertThat(like.style()).isEqualTo(AwardSlot.Style.STICKY);
        AwardCommand award = engine.command(like, 7, new AwardSlot.Step(AwardSlot.Step.Kind.AWARD, 1), 0, AT, null)
                .orElseThrow();
        assertThat(award.points()).isEqualTo(1);
        assertThat(award.ruleId()).isEqualTo("like");
        assertThat(award.ruleVersion()).isEqualTo(1);
        assertThat(award.memberVkId()).isEqualTo(7);
        assertThat(award.reason()).isEqualTo("за отметку «Мне нравится» к посту 1201");
        assertThat(award.idempotencyKey()).isEqualTo("vk:229000001:like:7:post:-229000001_1201");
    }

    @Test
    void aReversalRefersToTheAwardItTakesBackAndTakesBackWhatItPaid() {
        SlotChange unlike = change(activity("e2", ActivityType.LIKE_REMOVED, 7, POST, null), Optional.empty())
                .orElseThrow();
        assertThat(unlike.effect()).isEqualTo(SlotChange.Effect.TAKEBACK);
        AwardCommand reversal = engine.command(unlike, 7, new AwardSlot.Step(AwardSlot.Step.Kind.REVERSAL, 1), 3, AT,
                        null)
                .orElseThrow();
        assertThat(reversal.type()).isEqualTo(AwardCommand.Type.REVERSE);
        assertThat(reversal.reversesKey()).isEqualTo("vk:229000001:like:7:post:-229000001_1201");
        assertThat(reversal.idempotencyKey()).isEqualTo(reversal.reversesKey() + ":reversal");
        assertThat(reversal.points()).isEqualTo(3);
        assertThat(reversal.reason()).isEqualTo("отметка «Мне нравится» к посту 1201 снята");
    }

    @Test
    void noPointsForActingOnOnesOwnContent() {
        assertThat(change(activity("e1", ActivityType.LIKE_ADDED, 7, POST, null), Optional.of(7L))).isEmpty();
        assertThat(change(comment("e2", ActivityType.COMMENT_ADDED, 7, LONG_TEXT), Optional.of(7L))).isEmpty();
        assertThat(change(activity("e3", ActivityType.REPOST, 7, POST, null), Optional.of(7L))).isEmpty();
        assertThat(change(activity("e1", ActivityType.LIKE_ADDED, 7, POST, null), Optional.of(8L))).isPresent();
    }

    @Test
    void onlySubstantiveCommentsEarnAndEveryCommentEventSharesTheCommentsSlot() {
        assertThat(change(comment("e1", ActivityType.COMMENT_ADDED, 7, "👍👍🔥"), Optional.empty())).isEmpty();
        SlotChange edited = change(comment("e2", ActivityType.COMMENT_EDITED, 7, LONG_TEXT), Optional.empty())
                .orElseThrow();
        SlotChange deleted = engine.change(activity("e3", ActivityType.COMMENT_DELETED, 99, COMMENT, null),
                Optional.empty(), Optional.of(7L)).orElseThrow();
        SlotChange restored = change(comment("e4", ActivityType.COMMENT_RESTORED, 7, LONG_TEXT), Optional.empty())
                .orElseThrow();
        assertThat(edited.subject()).isEqualTo(deleted.subject()).isEqualTo(restored.subject());
        assertThat(deleted.memberVkId()).as("the author, not who deleted it").isEqualTo(7L);
        assertThat(deleted.effect()).isEqualTo(SlotChange.Effect.TAKEBACK);
        assertThat(restored.effect()).isEqualTo(SlotChange.Effect.RETURN);
        assertThat(edited.style()).isEqualTo(AwardSlot.Style.RESTORABLE);
        assertThat(engine.command(edited, 7, new AwardSlot.Step(AwardSlot.Step.Kind.AWARD, 2), 0, AT, null).orElseThrow()
                .idempotencyKey()).isEqualTo("vk:229000001:substantive_comment:7:comment:-229000001_5402:2");
    }

    @Test
    void repostAndPollVoteEarnOnce() {
        SlotChange repost = change(activity("e1", ActivityType.REPOST, 7, POST, null), Optional.empty()).orElseThrow();
        assertThat(repost.style()).isEqualTo(AwardSlot.Style.ONCE);
        assertThat(engine.points(repost.ruleId(), AT)).isEqualTo(10);
        SlotChange vote = change(activity("e2", ActivityType.POLL_VOTE, 7, new VkObject("poll", -GROUP, 880012, null),
                null), Optional.empty()).orElseThrow();
        assertThat(engine.points(vote.ruleId(), AT)).isEqualTo(3);
    }

    @Test
    void anActionEarnsUnderTheRuleVersionInForceWhenItHappened() {
        RuleCatalog changed = RuleCatalog.defaults(java.util.Map.of()).with(java.util.List.of(
                new EarningRule("like", 2, "Отметка «Мне нравится»", 3, 1, 5, AT.plusSeconds(3600))));
        EarningEngine later = new EarningEngine(() -> changed, new SubstantiveComment(20));
        SlotChange before = change(activity("e1", ActivityType.LIKE_ADDED, 7, POST, null), Optional.empty()).orElseThrow();
        AwardCommand old = later.command(before, 7, new AwardSlot.Step(AwardSlot.Step.Kind.AWARD, 1), 0, AT, null)
                .orElseThrow();
        assertThat(old.points()).isEqualTo(1);
        assertThat(old.ruleVersion()).isEqualTo(1);
        Activity afterwards = new Activity(GROUP + ":e9", GROUP, ActivityType.LIKE_ADDED, 7, POST, null, null, false,
                null, 0, AT.plusSeconds(7200));
        SlotChange next = later.change(afterwards, Optional.empty(), Optional.empty()).orElseThrow();
        AwardCommand current = later.command(next, 7, new AwardSlot.Step(AwardSlot.Step.Kind.AWARD, 1), 0, AT, null)
                .orElseThrow();
        assertThat(current.points()).isEqualTo(3);
        assertThat(current.ruleVersion()).isEqualTo(2);
    }

    @Test
    void capsAreThoseTheVersionInForceStatesOrElseTheConfiguredOnes() {
        EarningLimits configured = new EarningLimits(50, 200, java.time.Duration.ZERO);
        EarningLimits stated = new EarningLimits(3, 0, java.time.Duration.ofSeconds(600));
        RuleCatalog catalog = RuleCatalog.defaults(java.util.Map.of("like", configured)).with(java.util.List.of(
                new EarningRule("like", 2, "Отметка «Мне нравится»", 1, 1, 5, AT.plusSeconds(3600), stated)));
        EarningEngine capped = new EarningEngine(() -> catalog, new SubstantiveComment(20));
        assertThat(capped.limits("like", AT, GROUP)).isEqualTo(configured);
        assertThat(capped.limits("like", AT.plusSeconds(3600), GROUP)).isEqualTo(stated);
        assertThat(capped.limits("approved_idea", AT, GROUP)).isNull();
    }

    @Test
    void aCommunityWithCapsOfItsOwnHasThemAndEveryOtherHasTheVersions() {
        EarningLimits stated = new EarningLimits(50, 200, java.time.Duration.ZERO);
        EarningLimits customers = new EarningLimits(5, 10, java.time.Duration.ofSeconds(60));
        RuleCatalog catalog = RuleCatalog.defaults(java.util.Map.of()).with(java.util.List.of(
                new EarningRule("like", 2, "Отметка «Мне нравится»", 1, 1, 5, AT, stated,
                        java.util.Map.of(229000002L, customers))));
        EarningEngine engine = new EarningEngine(() -> catalog, new SubstantiveComment(20));
        assertThat(engine.limits("like", AT, 229000002L)).isEqualTo(customers);
        assertThat(engine.limits("like", AT, GROUP)).isEqualTo(stated);
    }

    @Test
    void aFlaggedAwardIsHeldWithItsReasonAndItsReversalStaysAReversal() {
        SlotChange like = change(activity("e1", ActivityType.LIKE_ADDED, 7, POST, null), Optional.empty()).orElseThrow();
        AwardCommand held = engine.command(like, 7, new AwardSlot.Step(AwardSlot.Step.Kind.AWARD, 1), 0, AT,
                "серия: 21-е начисление за 60 с").orElseThrow();
        assertThat(held.type()).isEqualTo(AwardCommand.Type.HOLD);
        assertThat(held.reason()).endsWith("(на проверке HR: серия: 21-е начисление за 60 с)");
        assertThat(held.idempotencyKey()).as("the slot's key, as a paid award would have")
                .isEqualTo(engine.command(like, 7, new AwardSlot.Step(AwardSlot.Step.Kind.AWARD, 1), 0, AT, null)
                        .orElseThrow().idempotencyKey());
    }

    @Test
    void otherActivitiesTouchNoSlot() {
        for (ActivityType type : new ActivityType[] {ActivityType.POST_PUBLISHED, ActivityType.MEMBER_JOINED,
                ActivityType.BOT_MESSAGE, ActivityType.MESSAGES_ALLOWED}) {
            assertThat(change(activity("e", type, 7, POST, "текст достаточно длинный для проверки"), Optional.empty()))
                    .as(type.name()).isEmpty();
        }
    }

    private Optional<SlotChange> change(Activity activity, Optional<Long> targetAuthor) {
        return engine.change(activity, targetAuthor, Optional.empty());
    }

    private static Activity comment(String event, ActivityType type, long member, String text) {
        return activity(event, type, member, COMMENT, text);
    }

    private static Activity activity(String event, ActivityType type, long member, VkObject object, String text) {
        return new Activity(GROUP + ":" + event, GROUP, type, member, object, null, text, false, null, 0, AT);
    }
}
