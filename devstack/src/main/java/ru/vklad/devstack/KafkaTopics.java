package ru.vklad.devstack;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import ru.vklad.events.Topics;

/**
 * Creates every Vklad topic and its dead-letter topic up front with the cleanup policy its consumers rely on;
 * brokers started by devstack do not auto-create topics, so a misspelt topic name fails loudly.
 */
public final class KafkaTopics {

    static final int PARTITIONS = 3;

    private KafkaTopics() {
    }

    public static void createAll(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = Topics.everyTopic().stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> new NewTopic(spec.name(), PARTITIONS, (short) 1)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, spec.cleanupPolicy())))
                    .toList();
            admin.createTopics(missing).all().get();
        }
    }
}
