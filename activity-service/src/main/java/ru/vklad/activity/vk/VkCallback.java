package ru.vklad.activity.vk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The envelope of one VK Callback API request: what Vklad needs to route, authenticate and deduplicate it,
 * plus the parsed body.
 *
 * @param actorId the VK user the event is about (liker, author, voter, ...), or 0 when the event names none
 */
public record VkCallback(String type, long groupId, String eventId, String secret, long actorId, ObjectNode body) {

    public static final String CONFIRMATION = "confirmation";

    public boolean isConfirmation() {
        return CONFIRMATION.equals(type);
    }

    /** The body as it will be kept: everything VK sent except the community secret. */
    public String bodyWithoutSecret() {
        ObjectNode copy = body.deepCopy();
        copy.remove("secret");
        return copy.toString();
    }

    static long actorOf(JsonNode object) {
        if (object == null || !object.isObject()) {
            return 0;
        }
        for (String field : new String[] {"liker_id", "user_id", "from_id", "deleter_id"}) {
            JsonNode value = object.get(field);
            if (value != null && value.canConvertToLong() && value.asLong() > 0) {
                return value.asLong();
            }
        }
        JsonNode message = object.get("message");
        return message != null ? actorOf(message) : 0;
    }
}
