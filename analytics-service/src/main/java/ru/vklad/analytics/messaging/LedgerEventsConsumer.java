package ru.vklad.analytics.messaging;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import ru.vklad.events.consumer.RetryableFailure;
import ru.vklad.analytics.config.AnalyticsConfig;
import ru.vklad.analytics.persistence.PointsReadModel;
import ru.vklad.analytics.service.Contributions;
import ru.vklad.analytics.service.PostedPoints;
import ru.vklad.events.LedgerEvent;

/**
 * Builds the points read models from what the ledger actually posted, a Kafka poll at a time in one transaction;
 * duplicates and rejections change nothing.
 */
@ApplicationScoped
public class LedgerEventsConsumer {

    private static final Logger LOG = Logger.getLogger(LedgerEventsConsumer.class);

    private final PointsReadModel points;
    private final AnalyticsConfig config;

    public LedgerEventsConsumer(PointsReadModel points, AnalyticsConfig config) {
        this.points = points;
        this.config = config;
    }

    @Incoming("ledger-events")
    public Uni<Void> consume(List<LedgerEvent> polled) {
        List<PostedPoints> posted = polled.stream()
                .filter(event -> event != null && event.type() == LedgerEvent.Type.ENTRY_POSTED && isContribution(event))
                .map(event -> new PostedPoints(event.eventId(), event.memberVkId(),
                        LocalDate.ofInstant(event.occurredAt(), config.zone()), event.points(),
                        Contributions.fromActivity(event.ruleId()) ? event.points() : 0))
                .toList();
        // A database that is away (restart, failover) is waited for, however long: the dead-letter topic would take
        // the whole poll's points out of the read models.
        return RetryableFailure.retried(() -> points.applyPosted(posted).replaceWithVoid(), failure -> LOG.warnf(
                "A poll of %d ledger events not applied yet, retrying: %s", polled.size(), failure));
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
