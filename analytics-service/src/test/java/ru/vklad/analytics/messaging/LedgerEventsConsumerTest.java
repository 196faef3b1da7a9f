package ru.vklad.analytics.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import ru.vklad.events.LedgerEvent;

class LedgerEventsConsumerTest {

    @Test
    void onlyPointsEarnedOrTakenBackCountAsContribution() {
        assertThat(LedgerEventsConsumer.isContribution(event(5, null))).as("an event from before entry kinds").isTrue();
        assertThat(LedgerEventsConsumer.isContribution(event(5, "award"))).isTrue();
        assertThat(LedgerEventsConsumer.isContribution(event(-5, "reversal"))).isTrue();
        assertThat(LedgerEventsConsumer.isContribution(event(40, "hold_approved"))).isTrue();
        assertThat(LedgerEventsConsumer.isContribution(event(0, "hold"))).isFalse();
        assertThat(LedgerEventsConsumer.isContribution(event(-120, "redemption"))).as("spending").isFalse();
        assertThat(LedgerEventsConsumer.isContribution(event(120, "payout_failed"))).as("points returned").isFalse();
    }

    private static LedgerEvent event(long points, String kind) {
        return new LedgerEvent("e", LedgerEvent.Type.ENTRY_POSTED, "c", "k", 1L, 7, points, 0L, "r", Instant.now(),
                null, kind, 0, null);
    }
}
