package ru.vklad.notification.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import ru.vklad.events.LedgerEvent;
import ru.vklad.notification.persistence.DeliveryLog;

/**
 * Tells a member about points posted to their account. Without a VK token (the offline demo, this slice) the
 * message is rendered and recorded in the delivery log instead of sent.
 */
@ApplicationScoped
public class AwardNotifier {

    private final Template awardPosted;
    private final DeliveryLog deliveries;

    public AwardNotifier(@Location("award_posted.txt") Template awardPosted, DeliveryLog deliveries) {
        this.awardPosted = awardPosted;
        this.deliveries = deliveries;
    }

    public Uni<Boolean> onLedgerEvent(LedgerEvent event) {
        if (event.type() != LedgerEvent.Type.ENTRY_POSTED) {
            return Uni.createFrom().item(false);
        }
        String text = awardPosted.data("points", event.points())
                .data("reason", event.reason())
                .data("balance", event.balance() == null ? "—" : String.valueOf(event.balance()))
                .render().strip();
        Notification notification = new Notification("ledger:" + event.eventId(), event.memberVkId(),
                "award_posted", text);
        return deliveries.record(notification);
    }
}
