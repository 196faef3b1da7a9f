package ru.vklad.events;

/**
 * What a topic needs from the broker: its name and whether it is a compacted (latest value per key) topic.
 * Partition counts and retention are deployment settings, not contracts.
 */
public record TopicSpec(String name, boolean compacted) {

    public static TopicSpec retained(String name) {
        return new TopicSpec(name, false);
    }

    public static TopicSpec compacted(String name) {
        return new TopicSpec(name, true);
    }

    public String cleanupPolicy() {
        return compacted ? "compact" : "delete";
    }
}
