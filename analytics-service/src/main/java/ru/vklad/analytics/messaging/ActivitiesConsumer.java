package ru.vklad.analytics.messaging;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import ru.vklad.analytics.config.AnalyticsConfig;
import ru.vklad.analytics.persistence.ActivityReadModel;
import ru.vklad.analytics.service.ActivityEffect;
import ru.vklad.events.Activity;

/** Builds the action, reach and poll-vote read models from consenting members' activities; each applied once. */
@ApplicationScoped
public class ActivitiesConsumer {

    private final ActivityReadModel activities;
    private final AnalyticsConfig config;

    public ActivitiesConsumer(ActivityReadModel activities, AnalyticsConfig config) {
        this.activities = activities;
        this.config = config;
    }

    @Incoming("activities")
    public Uni<Void> consume(Activity activity) {
        if (activity == null) {
            return Uni.createFrom().voidItem();
        }
        return ActivityEffect.of(activity)
                .map(effect -> activities.apply(activity.activityId(), activity.vkUserId(),
                        LocalDate.ofInstant(activity.occurredAt(), config.zone()), effect).replaceWithVoid())
                .orElseGet(() -> Uni.createFrom().voidItem());
    }
}
