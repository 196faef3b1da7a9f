package ru.vklad.notification.messaging;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import ru.vklad.events.consumer.RetryableFailure;
import ru.vklad.events.Activity;
import ru.vklad.events.ActivityType;
import ru.vklad.notification.persistence.Recipients;

/**
 * Follows message permissions from {@code activities}: {@code message_allow} or a message to the community allows
 * messages, {@code message_deny} forbids them from that moment on.
 */
@ApplicationScoped
public class ActivitiesConsumer {

    private static final Logger LOG = Logger.getLogger(ActivitiesConsumer.class);
    private static final Set<ActivityType> PERMISSIONS = EnumSet.of(ActivityType.MESSAGES_ALLOWED,
            ActivityType.BOT_MESSAGE, ActivityType.MESSAGES_DENIED);

    private final Recipients recipients;

    public ActivitiesConsumer(Recipients recipients) {
        this.recipients = recipients;
    }

    /**
     * A Kafka poll at a time, in order: nearly every activity says nothing about messages, and taking them one by
     * one cost a dispatch per record for nothing (bench/README).
     */
    @Incoming("activities")
    public Uni<Void> consume(List<Activity> polled) {
        Uni<Void> followed = Uni.createFrom().voidItem();
        for (Activity activity : polled) {
            if (activity != null && PERMISSIONS.contains(activity.type())) {
                followed = followed.chain(() -> follow(activity));
            }
        }
        return followed;
    }

    private Uni<Void> follow(Activity activity) {
        return RetryableFailure.retried(() -> recipients.set(activity.vkUserId(),
                        activity.type() != ActivityType.MESSAGES_DENIED, activity.occurredAt()),
                failure -> LOG.warnf("Activity %s not handled yet, retrying: %s", activity.activityId(), failure));
    }
}
