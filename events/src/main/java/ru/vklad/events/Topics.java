package ru.vklad.events;

import java.util.List;

/**
 * Every Kafka topic Vklad uses, with the properties its consumers rely on. Devstack creates topics from this
 * list, and the deployment's KafkaTopic resources must match it.
 */
public final class Topics {

    /** Raw VK Callback API bodies, kept for a bounded retention so activities can be rebuilt. */
    public static final String VK_CALLBACKS = "vk-callbacks";
    /** Normalised member activity, keyed by VK user id. */
    public static final String ACTIVITIES = "activities";
    /** Commands to the ledger (award, reverse, hold, ...), keyed by member. */
    public static final String AWARD_COMMANDS = "award-commands";
    /** Facts published by the ledger through its outbox, keyed by member. */
    public static final String LEDGER_EVENTS = "ledger-events";
    /** Members directory: latest state per VK user id; a tombstone is an erasure. */
    public static final String MEMBERS = "members";
    /** Earning rules master copy: every version of every rule, keyed {@code <rule id>:<version>}. */
    public static final String EARNING_RULES = "earning-rules";
    /** Incoming community messages for the bot. */
    public static final String BOT_MESSAGES = "bot-messages";

    public static final List<TopicSpec> ALL = List.of(
            TopicSpec.retained(VK_CALLBACKS),
            TopicSpec.retained(ACTIVITIES),
            TopicSpec.retained(AWARD_COMMANDS),
            TopicSpec.retained(LEDGER_EVENTS),
            TopicSpec.compacted(MEMBERS),
            TopicSpec.compacted(EARNING_RULES),
            TopicSpec.retained(BOT_MESSAGES));

    private Topics() {
    }

    /** The dead-letter topic of a consumer of {@code topic}. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
