package ru.vklad.analytics.messaging;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import ru.vklad.analytics.config.AnalyticsConfig;
import ru.vklad.analytics.persistence.ActivityReadModel;
import ru.vklad.analytics.service.ActivityEffect;
import ru.vklad.analytics.service.CommentChange;
import ru.vklad.analytics.service.ToneClassifier;
import ru.vklad.events.Activity;

/**
 * Builds the action, reach, poll-vote and comment tone/topic read models from consenting members' activities; each
 * applied once.
 */
@ApplicationScoped
public class ActivitiesConsumer {

    private static final Logger LOG = Logger.getLogger(ActivitiesConsumer.class);

    private final ActivityReadModel activities;
    private final AnalyticsConfig config;
    private final ToneClassifier tone = ToneClassifier.bundled();

    public ActivitiesConsumer(ActivityReadModel activities, AnalyticsConfig config) {
        this.activities = activities;
        this.config = config;
    }

    @Incoming("activities")
    public Uni<Void> consume(Activity activity) {
        if (activity == null) {
            return Uni.createFrom().voidItem();
        }
        ActivityEffect effect = ActivityEffect.of(activity).orElse(null);
        CommentChange comment = CommentChange.of(activity, tone).orElse(null);
        if (effect == null && comment == null) {
            return Uni.createFrom().voidItem();
        }
        return activities.apply(activity.activityId(), activity.vkUserId(),
                        LocalDate.ofInstant(activity.occurredAt(), config.zone()), effect, comment)
                .onFailure().invoke(failure -> LOG.errorf(failure, "Activity %s could not be applied; it goes to the "
                        + "dead-letter topic", activity.activityId()))
                .replaceWithVoid();
    }
}
