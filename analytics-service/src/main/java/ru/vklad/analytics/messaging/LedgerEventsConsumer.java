package ru.vklad.analytics.messaging;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import ru.vklad.analytics.config.AnalyticsConfig;
import ru.vklad.analytics.persistence.PointsReadModel;
import ru.vklad.analytics.service.Contributions;
import ru.vklad.events.LedgerEvent;

/** Builds the points read models from what the ledger actually posted; duplicates and rejections change nothing. */
@ApplicationScoped
public class LedgerEventsConsumer {

    private final PointsReadModel points;
    private final AnalyticsConfig config;

    public LedgerEventsConsumer(PointsReadModel points, AnalyticsConfig config) {
        this.points = points;
        this.config = config;
    }

    @Incoming("ledger-events")
    public Uni<Void> consume(LedgerEvent event) {
        if (event == null || event.type() != LedgerEvent.Type.ENTRY_POSTED || !isContribution(event)) {
            return Uni.createFrom().voidItem();
        }
        LocalDate day = LocalDate.ofInstant(event.occurredAt(), config.zone());
        long fromActivity = Contributions.fromActivity(event.ruleId()) ? event.points() : 0;
        return points.applyPosted(event.eventId(), event.memberVkId(), day, event.points(), fromActivity)
                .replaceWithVoid();
    }

    /**
     * Points earned (or taken back): awards, approved holds, reversals. Held points change nobody's contribution
     * until HR approves them; redemptions and payouts are spending, not contribution.
     */
    static boolean isContribution(LedgerEvent event) {
        String kind = event.entryKind();
        return event.points() != 0 && (kind == null || kind.equals("award") || kind.equals("hold_approved")
                || kind.equals("reversal"));
    }
}
