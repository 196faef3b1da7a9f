package ru.vklad.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import ru.vklad.events.consumer.RetryableFailure;
import ru.vklad.events.BotMessage;
import ru.vklad.notification.service.CommunityBot;

/** Messages written to the community, answered by the bot once each (the answer's id is the message's). */
@ApplicationScoped
public class BotMessagesConsumer {

    private static final Logger LOG = Logger.getLogger(BotMessagesConsumer.class);

    private final CommunityBot bot;

    public BotMessagesConsumer(CommunityBot bot) {
        this.bot = bot;
    }

    @Incoming("bot-messages")
    public Uni<Void> consume(BotMessage message) {
        return message == null ? Uni.createFrom().voidItem()
                : RetryableFailure.retried(() -> bot.answer(message).replaceWithVoid(), failure -> LOG.warnf(
                        "Bot message %s not answered yet, retrying: %s", message.messageId(), failure));
    }
}
