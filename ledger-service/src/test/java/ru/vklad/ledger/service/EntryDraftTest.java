package ru.vklad.ledger.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class EntryDraftTest {

    @Test
    void balancedEntryIsAccepted() {
        EntryDraft draft = draft(List.of(new Posting("system:issuance", -5), new Posting("member:1", 5)));
        assertThat(draft.postings()).hasSize(2);
    }

    @Test
    void unbalancedEntryCannotBeBuilt() {
        assertThatThrownBy(() -> draft(List.of(new Posting("system:issuance", -5), new Posting("member:1", 4))))
                .hasMessageContaining("sum to -1");
    }

    @Test
    void singlePostingOrRepeatedAccountIsRefused() {
        assertThatThrownBy(() -> draft(List.of(new Posting("member:1", 5))))
                .hasMessageContaining("at least two");
        assertThatThrownBy(() -> draft(List.of(new Posting("member:1", 5), new Posting("member:1", -5))))
                .hasMessageContaining("posted twice");
    }

    @Test
    void zeroPostingIsRefused() {
        assertThatThrownBy(() -> new Posting("member:1", 0)).hasMessageContaining("zero");
    }

    @Test
    void overflowingSumIsRefusedNotWrapped() {
        assertThatThrownBy(() -> draft(List.of(new Posting("a", Long.MAX_VALUE), new Posting("b", 1),
                new Posting("c", Long.MIN_VALUE)))).isInstanceOf(ArithmeticException.class);
    }

    private static EntryDraft draft(List<Posting> postings) {
        return new EntryDraft("key", "cmd", "fp", "award", "like", 1, "reason", postings);
    }
}
