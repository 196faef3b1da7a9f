package ru.vklad.notification.service;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import ru.vklad.notification.persistence.DeliveryLog;
import ru.vklad.notification.persistence.DeliveryLog.Delivery;

/**
 * Twenty likes in a minute make one message ("+20 баллов за 20 отметок «Мне нравится»"): a like's award message
 * waits the coalescing window, and when it is sent it takes every other pending like message of the member with it.
 */
@ApplicationScoped
public class LikeCoalescing {

    /** The earning rule whose award messages are coalesced. */
    public static final String RULE = "like";

    private final Template template;
    private final DeliveryLog deliveries;

    public LikeCoalescing(@Location("award_likes_coalesced.txt") Template coalesced, DeliveryLog deliveries) {
        this.template = coalesced;
        this.deliveries = deliveries;
    }

    /**
     * The delivery to send: the leader with its group folded in, or the delivery itself when it is not a like.
     * Deliveries of {@code batch} folded into it are added to {@code folded}, so the caller does not send them.
     */
    public Delivery fold(Delivery delivery, List<Delivery> batch, Set<String> folded) {
        if (!RULE.equals(delivery.ruleId()) || !"award_posted".equals(delivery.kind())
                || delivery.coalescedCount() != null) {
            return delivery;
        }
        List<String> ownClaims = batch.stream().map(Delivery::notificationId).filter(id -> !folded.contains(id))
                .toList();
        DeliveryLog.Coalesced coalesced = deliveries.coalesce(delivery, ownClaims, this::render).await().indefinitely();
        folded.addAll(coalesced.folded());
        return coalesced.leader();
    }

    private String render(DeliveryLog.Group group) {
        return template.data("points", group.points()).data("count", (long) group.count())
                .data("balance", group.balance() == null ? "—" : String.valueOf(group.balance()))
                .render().strip();
    }
}
