package ru.vklad.activity.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import ru.vklad.events.Activity;
import ru.vklad.events.AwardCommand;
import ru.vklad.events.BotMessage;

/** Publishes what the pipeline derives from a callback: the activity, and the award it earns. */
@ApplicationScoped
public class ActivityPublisher {

    private final MutinyEmitter<Activity> activities;
    private final MutinyEmitter<AwardCommand> awards;
    private final MutinyEmitter<BotMessage> botMessages;

    public ActivityPublisher(@Channel("activities-out") MutinyEmitter<Activity> activities,
                             @Channel("award-commands-out") MutinyEmitter<AwardCommand> awards,
                             @Channel("bot-messages-out") MutinyEmitter<BotMessage> botMessages) {
        this.activities = activities;
        this.awards = awards;
        this.botMessages = botMessages;
    }

    public Uni<Void> botMessage(BotMessage message) {
        return KeyedPublisher.send(botMessages, String.valueOf(message.fromId()), message);
    }

    public Uni<Void> activity(Activity activity) {
        return KeyedPublisher.send(activities, String.valueOf(activity.vkUserId()), activity);
    }

    public Uni<Void> award(AwardCommand award) {
        return KeyedPublisher.send(awards, String.valueOf(award.memberVkId()), award);
    }
}
