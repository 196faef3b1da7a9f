package ru.vklad.ledger.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import ru.vklad.events.AwardCommand;
import ru.vklad.events.LedgerEvent;

class LedgerBatchTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final BudgetBook NO_BUDGETS = BudgetBook.unlimited(java.time.YearMonth.of(2026, 11));
    private static final LedgerBatch.Snapshot EMPTY = new LedgerBatch.Snapshot(Map.of(), Map.of(), Map.of(), NO_BUDGETS);

    @Test
    void awardsOfOneBatchAddUpAndEachGetsItsBalance() {
        LedgerBatch.Result result = decide(EMPTY, award("a", 7, 5), award("b", 7, 3), award("c", 8, 2));

        assertThat(result.entries()).extracting(LedgerBatch.NewEntry::id).containsExactly(100L, 101L, 102L);
        assertThat(result.outcomes()).extracting(LedgerEvent::balance).containsExactly(5L, 8L, 2L);
        assertThat(result.outcomes()).extracting(LedgerEvent::eventId).containsExactly("entry-100", "entry-101", "entry-102");
        assertThat(result.balanceChanges()).isEqualTo(Map.of("member:7", 8L, "member:8", 2L));
    }

    @Test
    void aKeyRepeatedInTheBatchIsADuplicateAndADifferentCommandUnderItIsRejected() {
        LedgerBatch.Result result = decide(EMPTY, award("a", 7, 5), award("a", 7, 5), award("a", 7, 50));

        assertThat(result.entries()).hasSize(1);
        assertThat(result.outcomes()).extracting(LedgerEvent::type).containsExactly(LedgerEvent.Type.ENTRY_POSTED,
                LedgerEvent.Type.COMMAND_DUPLICATE, LedgerEvent.Type.COMMAND_REJECTED);
        assertThat(result.outcomes().get(1).entryId()).isEqualTo(100L);
        assertThat(result.outcomes().get(2).reason()).contains("different command");
        assertThat(result.balanceChanges()).isEqualTo(Map.of("member:7", 5L));
    }

    @Test
    void anAwardAndItsReversalInOneBatchCancelOut() {
        LedgerBatch.Result result = decide(EMPTY, award("a", 7, 5), reversal("a:undo", "a", 7),
                reversal("a:again", "a", 7), reversal("a:undo:undo", "a:undo", 7));

        assertThat(result.entries()).hasSize(2);
        assertThat(result.entries().get(1).draft().reversesEntryId()).isEqualTo(100L);
        assertThat(result.entries().get(1).draft().postings())
                .containsExactlyInAnyOrder(new Posting("member:7", -5), new Posting(AccountCodes.ISSUANCE, 5));
        assertThat(result.outcomes()).extracting(LedgerEvent::points).containsExactly(5L, -5L, 5L, 5L);
        assertThat(result.outcomes().get(2).reason()).isEqualTo("that entry was already reversed");
        assertThat(result.outcomes().get(3).reason()).contains("cannot itself be reversed");
        assertThat(result.balanceChanges()).isEqualTo(Map.of("member:7", 0L));
    }

    @Test
    void aReversalOfAnEarlierEntryIsRefusedWhenThePointsAreGone() {
        EntryDraft earlier = AwardPlanner.plan(award("old", 7, 5), AccountCodes.ISSUANCE);
        LedgerBatch.Snapshot snapshot = new LedgerBatch.Snapshot(
                Map.of("old", new LedgerBatch.Existing(42, earlier.commandFingerprint(), "award", null, false, earlier,
                        null)),
                Map.of("member:7", 3L), Map.of(), NO_BUDGETS);

        LedgerBatch.Result refused = decide(snapshot, reversal("old:undo", "old", 7));
        assertThat(refused.outcomes().get(0).reason()).isEqualTo(LedgerBatch.BELOW_ZERO);
        assertThat(refused.entries()).isEmpty();

        LedgerBatch.Result afterAnAward = decide(snapshot, award("new", 7, 2), reversal("old:undo", "old", 7));
        assertThat(afterAnAward.outcomes()).extracting(LedgerEvent::balance).containsExactly(5L, 0L);
        assertThat(afterAnAward.entries().get(1).draft().reversesEntryId()).isEqualTo(42L);
    }

    @Test
    void aReversalForAnotherMemberOrOfNothingIsRejected() {
        LedgerBatch.Result result = decide(EMPTY, award("a", 7, 5), reversal("a:undo", "a", 8),
                reversal("x:undo", "x", 7));

        assertThat(result.outcomes().get(1).reason()).contains("does not credit member:8");
        assertThat(result.outcomes().get(2).reason()).contains("no entry was posted under x");
    }

    @Test
    void anInvalidCommandIsRejectedWithoutStoppingTheBatch() {
        LedgerBatch.Result result = decide(EMPTY, award("a", 7, -1), award("b", 7, 1));

        assertThat(result.outcomes().get(0).type()).isEqualTo(LedgerEvent.Type.COMMAND_REJECTED);
        assertThat(result.outcomes().get(0).reason()).contains("points must be positive");
        assertThat(result.outcomes().get(1).type()).isEqualTo(LedgerEvent.Type.ENTRY_POSTED);
    }

    @Test
    void aHoldIsPendingUntilApprovedAndThenAvailable() {
        LedgerBatch.Snapshot snapshot = new LedgerBatch.Snapshot(Map.of(), Map.of(), Map.of("held:7", 0L),
                BudgetBook.unlimited(java.time.YearMonth.of(2026, 11)));
        LedgerBatch.Result result = decide(snapshot, hold("h", 7, 30), decision(AwardCommand.Type.APPROVE_HELD, "h:ok", "h", 7),
                decision(AwardCommand.Type.REJECT_HELD, "h:no", "h", 7));

        assertThat(result.entries().get(0).draft().postings())
                .containsExactlyInAnyOrder(new Posting(AccountCodes.ISSUANCE, -30), new Posting("held:7", 30));
        assertThat(result.entries().get(1).draft().postings())
                .containsExactlyInAnyOrder(new Posting("held:7", -30), new Posting("member:7", 30));
        assertThat(result.entries().get(1).draft().decidesEntryId()).isEqualTo(100L);
        assertThat(result.outcomes()).extracting(LedgerEvent::entryKind)
                .containsExactly(EntryKinds.HOLD, EntryKinds.HOLD_APPROVED, null);
        assertThat(result.outcomes()).extracting(LedgerEvent::points).containsExactly(0L, 30L, 0L);
        assertThat(result.outcomes()).extracting(LedgerEvent::pendingBalance).containsExactly(30L, 0L, null);
        assertThat(result.outcomes().get(2).reason()).contains("already approved");
        assertThat(result.balanceChanges()).isEqualTo(Map.of("member:7", 30L));
    }

    @Test
    void aMembersAwardsComeFromTheirDepartmentsIssuanceAndGoBackWhereTheyCameFrom() {
        BudgetBook departments = new BudgetBook(java.time.YearMonth.of(2026, 11), Map.of(7L, "ИТ"), Map.of(), Map.of());
        LedgerBatch.Result result = decide(new LedgerBatch.Snapshot(Map.of(), Map.of(), Map.of(), departments),
                award("a", 7, 5), award("b", 8, 3), reversal("a:undo", "a", 7), hold("h", 7, 30),
                decision(AwardCommand.Type.REJECT_HELD, "h:no", "h", 7));

        assertThat(result.entries().get(0).draft().postings())
                .containsExactlyInAnyOrder(new Posting("system:issuance:ИТ", -5), new Posting("member:7", 5));
        assertThat(result.entries().get(1).draft().postings())
                .containsExactlyInAnyOrder(new Posting(AccountCodes.ISSUANCE, -3), new Posting("member:8", 3));
        assertThat(result.entries().get(2).draft().postings())
                .containsExactlyInAnyOrder(new Posting("member:7", -5), new Posting("system:issuance:ИТ", 5));
        assertThat(result.entries().get(4).draft().postings())
                .containsExactlyInAnyOrder(new Posting("held:7", -30), new Posting("system:issuance:ИТ", 30));
    }

    @Test
    void aReversalAfterAMoveToAnotherDepartmentReturnsThePointsToTheIssuanceTheyCameFrom() {
        EntryDraft earlier = AwardPlanner.plan(award("old", 7, 5), AccountCodes.issuance("ИТ"));
        BudgetBook moved = new BudgetBook(java.time.YearMonth.of(2026, 11), Map.of(7L, "Продажи"), Map.of(), Map.of());
        LedgerBatch.Result result = decide(new LedgerBatch.Snapshot(
                Map.of("old", new LedgerBatch.Existing(42, earlier.commandFingerprint(), "award", null, false, earlier,
                        null)), Map.of("member:7", 5L), Map.of(), moved), reversal("old:undo", "old", 7), award("n", 7, 1));

        assertThat(result.entries().get(0).draft().postings())
                .containsExactlyInAnyOrder(new Posting("member:7", -5), new Posting("system:issuance:ИТ", 5));
        assertThat(result.entries().get(1).draft().postings())
                .containsExactlyInAnyOrder(new Posting("system:issuance:Продажи", -1), new Posting("member:7", 1));
    }

    @Test
    void aRejectedHoldReturnsToIssuanceAndAReversalOfAWaitingHoldRejectsIt() {
        LedgerBatch.Result result = decide(EMPTY, hold("h", 7, 30), decision(AwardCommand.Type.REJECT_HELD, "h:no", "h", 7),
                hold("g", 7, 5), reversal("g:undo", "g", 7), reversal("h:undo", "h", 7));

        assertThat(result.entries().get(1).draft().postings())
                .containsExactlyInAnyOrder(new Posting("held:7", -30), new Posting(AccountCodes.ISSUANCE, 30));
        assertThat(result.entries().get(3).draft().kind()).isEqualTo(EntryKinds.HOLD_REJECTED);
        assertThat(result.entries().get(3).draft().decidesEntryId()).isEqualTo(102L);
        assertThat(result.outcomes().get(4).reason()).contains("was rejected: there is nothing to take back");
        assertThat(result.balanceChanges()).isEmpty();
    }

    @Test
    void aReversalOfAnApprovedHoldTakesTheApprovalBackOnce() {
        LedgerBatch.Result result = decide(EMPTY, hold("h", 7, 30), decision(AwardCommand.Type.APPROVE_HELD, "h:ok", "h", 7),
                reversal("h:undo", "h", 7), reversal("h:again", "h", 7));

        assertThat(result.entries().get(2).draft().postings())
                .containsExactlyInAnyOrder(new Posting("member:7", -30), new Posting(AccountCodes.ISSUANCE, 30));
        assertThat(result.entries().get(2).draft().reversesEntryId()).isEqualTo(101L);
        assertThat(result.outcomes().get(3).reason()).isEqualTo("that entry was already reversed");
        assertThat(result.balanceChanges()).isEqualTo(Map.of("member:7", 0L));
    }

    @Test
    void onlyTheMembersOwnWaitingHoldCanBeDecided() {
        LedgerBatch.Result result = decide(EMPTY, award("a", 7, 5), hold("h", 7, 30),
                decision(AwardCommand.Type.APPROVE_HELD, "a:ok", "a", 7),
                decision(AwardCommand.Type.APPROVE_HELD, "h:ok", "h", 8),
                decision(AwardCommand.Type.APPROVE_HELD, "x:ok", "x", 7),
                new AwardCommand("cmd-y", "y:ok", AwardCommand.Type.APPROVE_HELD, 7, 0, "like", 1, "ok", "test", NOW));

        assertThat(result.outcomes().subList(2, 6)).extracting(LedgerEvent::reason).containsExactly(
                "the entry under a is not a held award", "the held award under h is not for member 8",
                "no entry was posted under x to decide", "targetKey is missing");
    }

    @Test
    void aRedemptionMovesPointsToClearingWithinTheMembersBalanceAndAboveTheMinimum() {
        LedgerBatch.Result result = decide(EMPTY, award("a", 7, 150), redeem("r1", 7, 99), redeem("r2", 7, 151),
                redeem("r3", 7, 120), redeem("r3", 7, 120));

        assertThat(result.outcomes()).extracting(LedgerEvent::reason).contains(
                "the smallest redemption is 100 points, asked 99", "not enough points to redeem: 150 available, 151 asked");
        assertThat(result.entries().get(1).draft().postings()).containsExactlyInAnyOrder(new Posting("member:7", -120),
                new Posting(AccountCodes.REDEMPTION_CLEARING, 120));
        assertThat(result.outcomes().get(3).points()).isEqualTo(-120);
        assertThat(result.outcomes().get(3).balance()).isEqualTo(30L);
        assertThat(result.outcomes().get(4).type()).isEqualTo(LedgerEvent.Type.COMMAND_DUPLICATE);
        assertThat(result.redemptions()).containsExactly(
                new LedgerBatch.NewRedemption(101, 7, 120, new java.math.BigDecimal("0.01"), 120));
        assertThat(result.budgetChanges()).as("spending is not issuance").isEqualTo(Map.of("*", 150L));
    }

    @Test
    void aListedRedemptionIsSettledOrFailedOnceAndAFailureReturnsThePoints() {
        EntryDraft redemption = AwardPlanner.redeem(redeem("r", 7, 120));
        LedgerBatch.Existing listed = new LedgerBatch.Existing(42, redemption.commandFingerprint(), EntryKinds.REDEMPTION,
                null, false, redemption, null, true);
        LedgerBatch.Existing unlisted = new LedgerBatch.Existing(43, redemption.commandFingerprint(),
                EntryKinds.REDEMPTION, null, false, redemption, null, false);
        LedgerBatch.Snapshot snapshot = new LedgerBatch.Snapshot(Map.of("r", listed, "u", unlisted), Map.of("member:7", 30L),
                Map.of(), BudgetBook.unlimited(java.time.YearMonth.of(2026, 11)));

        LedgerBatch.Result result = decide(snapshot, payout(AwardCommand.Type.FAIL_PAYOUT, "p:failed", "r", 7),
                payout(AwardCommand.Type.SETTLE_PAYOUT, "p:settled", "r", 7),
                payout(AwardCommand.Type.SETTLE_PAYOUT, "u:settled", "u", 7));

        assertThat(result.entries().get(0).draft().postings()).containsExactlyInAnyOrder(
                new Posting(AccountCodes.REDEMPTION_CLEARING, -120), new Posting("member:7", 120));
        assertThat(result.entries().get(0).draft().decidesEntryId()).isEqualTo(42L);
        assertThat(result.outcomes().get(0).balance()).isEqualTo(150L);
        assertThat(result.outcomes().get(1).reason()).contains("was already failed");
        assertThat(result.outcomes().get(2).reason()).contains("is in no payout registry yet");
        assertThat(result.payoutDecisions()).containsExactly(new LedgerBatch.PayoutDecision(42, 100, "FAILED"));
    }

    @Test
    void roublesAreKopecksAtTheRateRoundedHalfUp() {
        assertThat(RedemptionPolicy.DEFAULT.kopecks(120)).isEqualTo(120);
        assertThat(new RedemptionPolicy(1, new java.math.BigDecimal("0.015")).kopecks(3)).isEqualTo(5);
    }

    private static AwardCommand redeem(String key, long member, long points) {
        return new AwardCommand("cmd-" + key, key, AwardCommand.Type.REDEEM, member, points, null, 0,
                "обмен на бонусы «Спасибо»", "test", NOW);
    }

    private static AwardCommand payout(AwardCommand.Type type, String key, String redemptionKey, long member) {
        return new AwardCommand("cmd-" + key, key, type, member, 0, null, 0, "ответ программы", "test", NOW, null,
                redemptionKey);
    }

    private static AwardCommand hold(String key, long member, long points) {
        return new AwardCommand("cmd-" + key, key, AwardCommand.Type.HOLD, member, points, "approved_idea", 1,
                "идея ждёт решения", "test", NOW);
    }

    private static AwardCommand decision(AwardCommand.Type type, String key, String holdKey, long member) {
        return new AwardCommand("cmd-" + key, key, type, member, 0, "approved_idea", 1, "решение HR", "test", NOW,
                null, holdKey);
    }

    private static LedgerBatch.Result decide(LedgerBatch.Snapshot snapshot, AwardCommand... commands) {
        AtomicLong ids = new AtomicLong(100);
        return LedgerBatch.decide(List.of(commands), snapshot, ids::getAndIncrement, NOW, RedemptionPolicy.DEFAULT);
    }

    private static AwardCommand award(String key, long member, long points) {
        return new AwardCommand("cmd-" + key, key, AwardCommand.Type.AWARD, member, points, "like", 1, "like", "test", NOW);
    }

    private static AwardCommand reversal(String key, String reverses, long member) {
        return new AwardCommand("cmd-" + key, key, AwardCommand.Type.REVERSE, member, 5, "like", 1, "unlike", "test",
                NOW, reverses);
    }
}
