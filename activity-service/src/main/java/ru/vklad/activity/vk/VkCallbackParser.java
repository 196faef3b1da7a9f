package ru.vklad.activity.vk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads the VK Callback API envelope, refusing anything that is not one with a clear reason. */
public final class VkCallbackParser {

    private final ObjectMapper mapper;

    public VkCallbackParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public VkCallback parse(String body) {
        if (body == null || body.isBlank()) {
            throw new MalformedCallbackException("empty body");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedCallbackException("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedCallbackException("not a JSON object");
        }
        String type = text(root, "type");
        if (type == null || type.isBlank()) {
            throw new MalformedCallbackException("'type' is missing");
        }
        JsonNode group = root.get("group_id");
        if (group == null || !group.canConvertToLong() || group.asLong() <= 0) {
            throw new MalformedCallbackException("'group_id' must be a positive number");
        }
        String eventId = text(root, "event_id");
        boolean confirmation = VkCallback.CONFIRMATION.equals(type);
        if (!confirmation && (eventId == null || eventId.isBlank())) {
            throw new MalformedCallbackException("'event_id' is missing");
        }
        if (eventId != null && eventId.length() > 100) {
            throw new MalformedCallbackException("'event_id' is too long");
        }
        return new VkCallback(type, group.asLong(), eventId, text(root, "secret"),
                VkCallback.actorOf(root.get("object")), (ObjectNode) root);
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new MalformedCallbackException("'" + field + "' must be a string");
        }
        return value.asText();
    }
}
