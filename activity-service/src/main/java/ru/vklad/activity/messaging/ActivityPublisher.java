package ru.vklad.activity.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import ru.vklad.events.Activity;
import ru.vklad.events.AwardCommand;
import ru.vklad.events.BotMessage;

/**
 * Publishes what the pipeline derives from a callback: the activity, and the award it earns. A poll's sends are
 * started together (up to three polls at once, a few records per callback), so each channel buffers that many
 * while the broker acknowledges.
 */
@ApplicationScoped
public class ActivityPublisher {

    private static final long SENDS_BUFFERED = 16_384;

    private final MutinyEmitter<Activity> activities;
    private final MutinyEmitter<AwardCommand> awards;
    private final MutinyEmitter<BotMessage> botMessages;

    public ActivityPublisher(
            @Channel("activities-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = SENDS_BUFFERED)
            MutinyEmitter<Activity> activities,
            @Channel("award-commands-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = SENDS_BUFFERED)
            MutinyEmitter<AwardCommand> awards,
            @Channel("bot-messages-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = SENDS_BUFFERED)
            MutinyEmitter<BotMessage> botMessages) {
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
