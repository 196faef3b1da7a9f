package ru.vklad.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import ru.vklad.devstack.ServiceProcess;
import ru.vklad.devstack.StackEndpoints;
import ru.vklad.devstack.VkladService;
import ru.vklad.events.Topics;

/**
 * Rebuilds the analytics read models from the topics as docs/analytics.md ("Rebuilding from the topics") tells an
 * operator: with the service stopped, the derived tables are emptied by the very statement the document gives (read
 * from it, so the document cannot drift from what is tested), the group's offsets on {@code members} go back to the
 * earliest and the service reads the directory, then the offsets of the other two topics go back too and the
 * service catches up. The offsets are moved through Kafka's Admin API, as {@code kafka-consumer-groups.sh
 * --reset-offsets --to-earliest} does.
 */
final class AnalyticsRebuild {

    private static final String GROUP = "analytics-service";
    private static final Pattern TRUNCATE = Pattern.compile("psql \"\\$ANALYTICS_DB\" -c '([^']+)'");
    private static final Duration CATCH_UP = Duration.ofMinutes(5);

    private AnalyticsRebuild() {
    }

    static void run(StackEndpoints stack, ServiceProcess analytics, Path project) throws Exception {
        String truncate = documentedTruncate(project.resolve("docs/analytics.md"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers()))) {
            analytics.stop();
            try (Connection c = DriverManager.getConnection(stack.jdbcUrl(VkladService.ANALYTICS.database()),
                    stack.postgresUser(), stack.postgresPassword()); Statement statement = c.createStatement()) {
                statement.execute(truncate);
            }
            toEarliest(admin, List.of(Topics.MEMBERS));
            analytics.start();
            awaitCaughtUp(admin, List.of(Topics.MEMBERS));
            analytics.stop();
            toEarliest(admin, List.of(Topics.LEDGER_EVENTS, Topics.ACTIVITIES));
            analytics.start();
            awaitCaughtUp(admin, List.of(Topics.MEMBERS, Topics.LEDGER_EVENTS, Topics.ACTIVITIES));
        }
    }

    static String documentedTruncate(Path document) throws Exception {
        Matcher statement = TRUNCATE.matcher(Files.readString(document));
        assertThat(statement.find()).as("docs/analytics.md gives the rebuild's TRUNCATE statement").isTrue();
        return statement.group(1);
    }

    private static void toEarliest(Admin admin, List<String> topics) {
        Map<TopicPartition, OffsetAndMetadata> earliest = new HashMap<>();
        // Refused while the stopped service's consumers are still members of the group, as the script refuses.
        await("offsets of " + topics + " reset").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().untilAsserted(() -> {
                    offsets(admin, topics, OffsetSpec.earliest())
                            .forEach((partition, offset) -> earliest.put(partition, new OffsetAndMetadata(offset)));
                    admin.alterConsumerGroupOffsets(GROUP, earliest).all().get();
                });
    }

    /** Until the group has committed every partition of these topics to its end: everything in them is applied. */
    private static void awaitCaughtUp(Admin admin, List<String> topics) {
        await("analytics caught up with " + topics).atMost(CATCH_UP).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().untilAsserted(() -> {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                            .partitionsToOffsetAndMetadata().get();
                    offsets(admin, topics, OffsetSpec.latest()).forEach((partition, end) -> {
                        if (end > 0) {
                            assertThat(committed.get(partition)).as(partition.toString()).isNotNull();
                            assertThat(committed.get(partition).offset()).as(partition.toString()).isEqualTo(end);
                        }
                    });
                });
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<String> topics, OffsetSpec spec)
            throws Exception {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
            topic.partitions().forEach(p -> partitions.put(new TopicPartition(topic.name(), p.partition()), spec));
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(partitions).all().get().forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }
}
