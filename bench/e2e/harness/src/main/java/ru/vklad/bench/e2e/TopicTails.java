package ru.vklad.bench.e2e;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/** Readers of what is published from now on: every partition of the topics, from their current end. */
final class TopicTails {

    private TopicTails() {
    }

    /** Assigns every partition of {@code topics} and resolves their end now, so nothing published after is missed. */
    static void assignAtEnd(Consumer<?, ?> consumer, List<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        topics.forEach(topic -> consumer.partitionsFor(topic).forEach(p ->
                partitions.add(new TopicPartition(p.topic(), p.partition()))));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }
}
