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
    private static final LedgerBatch.Snapshot EMPTY = new LedgerBatch.Snapshot(Map.of(), Map.of());

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
        EntryDraft earlier = AwardPlanner.plan(award("old", 7, 5));
        LedgerBatch.Snapshot snapshot = new LedgerBatch.Snapshot(
                Map.of("old", new LedgerBatch.Existing(42, earlier.commandFingerprint(), null, false, earlier)),
                Map.of("member:7", 3L));

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

    private static LedgerBatch.Result decide(LedgerBatch.Snapshot snapshot, AwardCommand... commands) {
        AtomicLong ids = new AtomicLong(100);
        return LedgerBatch.decide(List.of(commands), snapshot, ids::getAndIncrement, NOW);
    }

    private static AwardCommand award(String key, long member, long points) {
        return new AwardCommand("cmd-" + key, key, AwardCommand.Type.AWARD, member, points, "like", 1, "like", "test", NOW);
    }

    private static AwardCommand reversal(String key, String reverses, long member) {
        return new AwardCommand("cmd-" + key, key, AwardCommand.Type.REVERSE, member, 5, "like", 1, "unlike", "test",
                NOW, reverses);
    }
}
