package ru.vklad.ledger.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import ru.vklad.events.AwardCommand;
import ru.vklad.events.LedgerEvent;

class BudgetBookTest {

    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void theDepartmentAndTheOverallBudgetBothLimitAnAward() {
        BudgetBook book = new BudgetBook(NOVEMBER, Map.of(7L, "Продажи"), Map.of("Продажи", 100L, "*", 1000L),
                Map.of("Продажи", 95L, "*", 990L));

        assertThat(book.exceededBy(7, 5)).isEmpty();
        assertThat(book.exceededBy(7, 6)).hasValueSatisfying(reason -> assertThat(reason)
                .isEqualTo("бюджет отдела «Продажи» на 2026-11 исчерпан: лимит 100, выдано 95, начисление 6 ждёт решения HR"));
        assertThat(book.exceededBy(8, 11)).hasValueSatisfying(reason -> assertThat(reason).startsWith("общий бюджет"));
        assertThat(book.exceededBy(8, 10)).isEmpty();
    }

    @Test
    void useIsCountedWithOrWithoutLimits() {
        BudgetBook book = BudgetBook.unlimited(NOVEMBER);
        book.issue(7, 5);
        book.issue(7, -2);
        assertThat(book.changes()).isEqualTo(Map.of("*", 3L));
        assertThat(book.exceededBy(7, 1_000_000)).isEmpty();
    }

    @Test
    void anAwardOverBudgetIsHeldUnderItsOwnKeyAndReportedAndApprovalCountsAgainstTheBudget() {
        BudgetBook book = new BudgetBook(NOVEMBER, Map.of(7L, "Продажи"), Map.of("Продажи", 10L), Map.of());
        LedgerBatch.Snapshot snapshot = new LedgerBatch.Snapshot(Map.of(), Map.of(), Map.of("held:7", 0L), book);
        AtomicLong ids = new AtomicLong(100);
        LedgerBatch.Result result = LedgerBatch.decide(List.of(award("a", 6), award("b", 6), award("b", 6),
                new AwardCommand("cmd-ok", "b:ok", AwardCommand.Type.APPROVE_HELD, 7, 0, "like", 1, "HR одобрил", "test",
                        NOW, null, "b")), snapshot, ids::getAndIncrement, NOW,
                RedemptionPolicy.DEFAULT);

        assertThat(result.outcomes()).extracting(LedgerEvent::type).containsExactly(LedgerEvent.Type.ENTRY_POSTED,
                LedgerEvent.Type.ENTRY_POSTED, LedgerEvent.Type.BUDGET_EXCEEDED, LedgerEvent.Type.COMMAND_DUPLICATE,
                LedgerEvent.Type.ENTRY_POSTED);
        assertThat(result.outcomes()).extracting(LedgerEvent::entryKind).containsExactly("award", "hold", "hold",
                "hold", "hold_approved");
        assertThat(result.outcomes().get(2).entryId()).isEqualTo(101L);
        assertThat(result.outcomes().get(2).reason()).contains("лимит 10, выдано 6");
        assertThat(result.budgetChanges()).isEqualTo(Map.of("Продажи", 12L, "*", 12L));
        assertThat(result.month()).isEqualTo(NOVEMBER);
    }

    private static AwardCommand award(String key, long points) {
        return new AwardCommand("cmd-" + key, key, AwardCommand.Type.AWARD, 7, points, "like", 1, "like", "test", NOW);
    }
}
