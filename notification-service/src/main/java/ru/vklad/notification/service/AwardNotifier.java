package ru.vklad.notification.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import ru.vklad.events.LedgerEvent;
import ru.vklad.notification.persistence.DeliveryLog;

/**
 * Tells a member about points posted to or taken back from their account. Without a VK token (the offline demo, this slice) the
 * message is rendered and recorded in the delivery log instead of sent.
 */
@ApplicationScoped
public class AwardNotifier {

    private final Template awardPosted;
    private final Template awardReversed;
    private final DeliveryLog deliveries;

    public AwardNotifier(@Location("award_posted.txt") Template awardPosted,
                         @Location("award_reversed.txt") Template awardReversed, DeliveryLog deliveries) {
        this.awardPosted = awardPosted;
        this.awardReversed = awardReversed;
        this.deliveries = deliveries;
    }

    public Uni<Boolean> onLedgerEvent(LedgerEvent event) {
        if (event.type() != LedgerEvent.Type.ENTRY_POSTED) {
            return Uni.createFrom().item(false);
        }
        boolean reversal = event.points() < 0;
        String text = (reversal ? awardReversed : awardPosted).data("points", Math.abs(event.points()))
                .data("reason", event.reason())
                .data("balance", event.balance() == null ? "—" : String.valueOf(event.balance()))
                .render().strip();
        Notification notification = new Notification("ledger:" + event.eventId(), event.memberVkId(),
                reversal ? "award_reversed" : "award_posted", text);
        return deliveries.record(notification);
    }
}
