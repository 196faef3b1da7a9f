package ru.vklad.notification.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import ru.vklad.events.LedgerEvent;
import ru.vklad.notification.config.VkMessagingConfig;
import ru.vklad.notification.persistence.DeliveryLog;
import ru.vklad.notification.persistence.Recipients;

/**
 * Tells a member about points posted to or taken back from their account, if they allowed community messages: the
 * message is rendered and logged once per ledger event, PENDING for the {@link DeliveryWorker}, which sends it
 * through VK or, without a VK token (the offline demo), marks it RECORDED instead.
 */
@ApplicationScoped
public class AwardNotifier {

    private final Template awardPosted;
    private final Template awardReversed;
    private final Template awardHeld;
    private final Template holdRejected;
    private final Template redemption;
    private final Template payoutFailed;
    private final DeliveryLog deliveries;
    private final Recipients recipients;
    private final SendSchedule schedule;
    private final VkMessagingConfig config;

    public AwardNotifier(@Location("award_posted.txt") Template awardPosted,
                         @Location("award_reversed.txt") Template awardReversed,
                         @Location("award_held.txt") Template awardHeld,
                         @Location("award_hold_rejected.txt") Template holdRejected,
                         @Location("redemption.txt") Template redemption,
                         @Location("payout_failed.txt") Template payoutFailed, DeliveryLog deliveries,
                         Recipients recipients, SendSchedule schedule, VkMessagingConfig config) {
        this.awardPosted = awardPosted;
        this.awardReversed = awardReversed;
        this.awardHeld = awardHeld;
        this.holdRejected = holdRejected;
        this.redemption = redemption;
        this.payoutFailed = payoutFailed;
        this.deliveries = deliveries;
        this.recipients = recipients;
        this.schedule = schedule;
        this.config = config;
    }

    /**
     * Logs what a poll of ledger events tells members, in a few statements for the whole poll: whether each member
     * allows messages, their time zones, then every notification once.
     */
    public Uni<Void> onLedgerEvents(List<LedgerEvent> events) {
        List<Notification> notifications = events.stream().map(this::notification).flatMap(Optional::stream).toList();
        if (notifications.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<Long> members = notifications.stream().map(Notification::vkUserId).collect(Collectors.toSet());
        Instant now = Instant.now();
        return recipients.allowedAmong(members).chain(allowed -> schedule.forMembers(members).chain(schedules ->
                deliveries.recordAll(notifications.stream().map(notification -> {
                    // Logged either way, so HR and support can see why a member heard nothing.
                    if (!allowed.contains(notification.vkUserId())) {
                        return new DeliveryLog.Recorded(notification, DeliveryLog.NOT_ALLOWED, now);
                    }
                    boolean coalesced = "award_posted".equals(notification.kind())
                            && LikeCoalescing.RULE.equals(notification.ruleId());
                    Instant due = coalesced ? now.plus(config.coalesce().window()) : now;
                    return new DeliveryLog.Recorded(notification, DeliveryLog.PENDING,
                            schedules.sendableAt(notification.vkUserId(), due));
                }).toList())));
    }

    /** The message an entry tells its member, rendered; none for other ledger events. */
    private Optional<Notification> notification(LedgerEvent event) {
        if (event.type() != LedgerEvent.Type.ENTRY_POSTED) {
            return Optional.empty();
        }
        Message message = message(event);
        if (message == null) {
            return Optional.empty();
        }
        String text = message.template().data("points", message.points()).data("reason", event.reason())
                .data("balance", event.balance() == null ? "—" : String.valueOf(event.balance()))
                .render().strip();
        return Optional.of(new Notification("ledger:" + event.eventId(), event.memberVkId(), message.kind(), text,
                event.ruleId(), event.points(), event.balance()));
    }

    private record Message(String kind, Template template, long points) {
    }

    /**
     * What the member is told of an entry: points credited or taken back, held for HR, a hold rejected, points
     * redeemed, a payout failed.
     */
    private Message message(LedgerEvent event) {
        if ("hold".equals(event.entryKind())) {
            return new Message("award_held", awardHeld, event.pendingChange());
        }
        if ("hold_rejected".equals(event.entryKind())) {
            return new Message("award_hold_rejected", holdRejected, Math.abs(event.pendingChange()));
        }
        if ("redemption".equals(event.entryKind())) {
            return new Message("redemption", redemption, -event.points());
        }
        if ("payout_failed".equals(event.entryKind())) {
            return new Message("payout_failed", payoutFailed, event.points());
        }
        if ("payout_settled".equals(event.entryKind())) {
            // The member was told when they redeemed; a settled payout is the expected end of it.
            return null;
        }
        if (event.points() > 0) {
            return new Message("award_posted", awardPosted, event.points());
        }
        if (event.points() < 0) {
            return new Message("award_reversed", awardReversed, -event.points());
        }
        return null;
    }
}
