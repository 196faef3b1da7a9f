package ru.vklad.events;

import java.util.List;
import java.util.stream.Stream;

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

    /** Notifications not delivered after the last retry: the notification service's own dead letters. */
    public static final String NOTIFICATION_DEAD_LETTERS = "notifications.dlq";

    public static final List<TopicSpec> ALL = List.of(
            TopicSpec.retained(VK_CALLBACKS),
            TopicSpec.retained(ACTIVITIES),
            TopicSpec.retained(AWARD_COMMANDS),
            TopicSpec.retained(LEDGER_EVENTS),
            TopicSpec.compacted(MEMBERS),
            TopicSpec.compacted(EARNING_RULES),
            TopicSpec.retained(BOT_MESSAGES));

    /**
     * Dead-letter topics that belong to no consumer of a topic above: where a producer parks what it finally could
     * not do. (Each topic in {@link #ALL} also has its consumers' dead-letter topic, {@link #deadLetter}.)
     */
    public static final List<TopicSpec> PRODUCER_DEAD_LETTERS = List.of(TopicSpec.retained(NOTIFICATION_DEAD_LETTERS));

    private Topics() {
    }

    /** Every topic a deployment must have: {@link #ALL}, the dead-letter topic of each, and the producers' ones. */
    public static List<TopicSpec> everyTopic() {
        return Stream.concat(ALL.stream().flatMap(spec -> Stream.of(spec, TopicSpec.retained(deadLetter(spec.name())))),
                PRODUCER_DEAD_LETTERS.stream()).toList();
    }

    /** The dead-letter topic of a consumer of {@code topic}. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
