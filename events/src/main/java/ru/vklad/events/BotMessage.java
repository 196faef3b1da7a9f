package ru.vklad.events;

import java.time.Instant;

/**
 * A message someone wrote to the community (VK {@code message_new}), published by the activity service to
 * {@link Topics#BOT_MESSAGES} under the sender's VK user id for the bot to answer.
 *
 * @param messageId unique per VK event ({@code <group id>:<event_id>}), so an answer is given once
 * @param payload   the button's payload when the member pressed a keyboard button, else null
 */
public record BotMessage(
        String messageId,
        long communityId,
        long fromId,
        String text,
        String payload,
        Instant receivedAt) {
}
