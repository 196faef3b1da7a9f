package ru.vklad.analytics.messaging;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import ru.vklad.events.consumer.RetryableFailure;
import ru.vklad.analytics.config.AnalyticsConfig;
import ru.vklad.analytics.persistence.ActivityReadModel;
import ru.vklad.analytics.service.ActivityBatch;
import ru.vklad.analytics.service.ActivityEffect;
import ru.vklad.analytics.service.CommentChange;
import ru.vklad.analytics.service.ToneClassifier;
import ru.vklad.events.Activity;

/**
 * Builds the action, reach, poll-vote and comment tone/topic read models from consenting members' activities,
 * a Kafka poll at a time in one transaction; each activity applied once. A batch the database refuses is applied
 * activity by activity, so one bad activity does not hold back the others' effects.
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
    public Uni<Void> consume(List<Activity> polled) {
        List<ActivityBatch.Item> items = polled.stream().filter(Objects::nonNull).map(this::item)
                .filter(Objects::nonNull).toList();
        // A database that is away (restart, failover) is waited for, however long; a batch it refuses is applied
        // one activity at a time.
        return RetryableFailure.retried(() -> activities.apply(items).replaceWithVoid(), failure -> LOG.warnf(
                        "A poll of %d activities not applied yet, retrying: %s", items.size(), failure))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf(failure, "A batch of %d activities was refused; applying them one by one", items.size());
                    return oneByOne(items);
                });
    }

    private Uni<Void> oneByOne(List<ActivityBatch.Item> items) {
        List<Throwable> failures = new ArrayList<>();
        return Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(item -> activities.apply(List.of(item)).replaceWithVoid()
                        .onFailure().recoverWithItem(failure -> {
                            LOG.errorf(failure, "Activity %s could not be applied; its batch goes to the dead-letter "
                                    + "topic (applied ones are not counted twice when it is replayed)", item.activityId());
                            failures.add(failure);
                            return null;
                        }))
                .collect().last()
                .chain(() -> failures.isEmpty() ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(failures.get(0)));
    }

    private ActivityBatch.Item item(Activity activity) {
        ActivityEffect effect = ActivityEffect.of(activity).orElse(null);
        CommentChange comment = CommentChange.of(activity, tone).orElse(null);
        if (effect == null && comment == null) {
            return null;
        }
        return new ActivityBatch.Item(activity.activityId(), activity.vkUserId(),
                LocalDate.ofInstant(activity.occurredAt(), config.zone()), effect, comment);
    }
}
