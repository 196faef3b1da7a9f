package ru.vklad.activity.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import ru.vklad.events.Activity;
import ru.vklad.events.AwardCommand;

/** Publishes what the pipeline derives from a callback: the activity, and the award it earns. */
@ApplicationScoped
public class ActivityPublisher {

    private final MutinyEmitter<Activity> activities;
    private final MutinyEmitter<AwardCommand> awards;

    public ActivityPublisher(@Channel("activities-out") MutinyEmitter<Activity> activities,
                             @Channel("award-commands-out") MutinyEmitter<AwardCommand> awards) {
        this.activities = activities;
        this.awards = awards;
    }

    public Uni<Void> activity(Activity activity) {
        return KeyedPublisher.send(activities, String.valueOf(activity.vkUserId()), activity);
    }

    public Uni<Void> award(AwardCommand award) {
        return KeyedPublisher.send(awards, String.valueOf(award.memberVkId()), award);
    }
}
