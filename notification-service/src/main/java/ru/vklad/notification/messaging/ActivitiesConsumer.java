package ru.vklad.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import ru.vklad.events.consumer.RetryableFailure;
import ru.vklad.events.Activity;
import ru.vklad.notification.persistence.Recipients;

/**
 * Follows message permissions from {@code activities}: {@code message_allow} or a message to the community allows
 * messages, {@code message_deny} forbids them from that moment on.
 */
@ApplicationScoped
public class ActivitiesConsumer {

    private static final Logger LOG = Logger.getLogger(ActivitiesConsumer.class);

    private final Recipients recipients;

    public ActivitiesConsumer(Recipients recipients) {
        this.recipients = recipients;
    }

    @Incoming("activities")
    public Uni<Void> consume(Activity activity) {
        if (activity == null) {
            return Uni.createFrom().voidItem();
        }
        return RetryableFailure.retried(() -> switch (activity.type()) {
            case MESSAGES_ALLOWED, BOT_MESSAGE -> recipients.set(activity.vkUserId(), true, activity.occurredAt());
            case MESSAGES_DENIED -> recipients.set(activity.vkUserId(), false, activity.occurredAt());
            default -> Uni.createFrom().voidItem();
        }, failure -> LOG.warnf("Activity %s not handled yet, retrying: %s", activity.activityId(), failure));
    }
}
