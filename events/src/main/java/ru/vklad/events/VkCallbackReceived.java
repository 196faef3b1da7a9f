package ru.vklad.events;

import java.time.Instant;

/**
 * A VK Callback API event exactly as VK sent it, accepted (secret checked) and acknowledged only once this
 * record is durably in {@link Topics#VK_CALLBACKS}.
 *
 * @param communityId the VK community (group) id the event belongs to
 * @param eventId     VK's {@code event_id}: a retry carries the same one
 * @param type        VK's event {@code type}
 * @param receivedAt  when the activity service accepted it
 * @param body        the raw JSON body, with the community secret removed
 */
public record VkCallbackReceived(long communityId, String eventId, String type, Instant receivedAt, String body) {
}
