package ru.vklad.devstack.test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;

import ru.vklad.events.TopicSpec;
import ru.vklad.events.Topics;

/**
 * The build's broker is shared by every module, so a service under test would otherwise start by consuming every
 * event the modules before it produced (the ledger's fault suite alone leaves tens of thousands on
 * {@code ledger-events}) and a test's own events would wait behind that backlog. Before a service under test
 * starts, its consumer groups are moved to the end of the event topics. Compacted topics (members, earning rules)
 * are state a service is meant to read whole, so they are left alone.
 */
final class EventBacklog {

    private static final System.Logger LOG = System.getLogger(EventBacklog.class.getName());
    private static final Duration GROUP_EMPTY_TIMEOUT = Duration.ofSeconds(60);

    private EventBacklog() {
    }

    /** Moves the group {@code group}, and any group named {@code group-…}, to the end of every event topic. */
    static void skip(String bootstrapServers, String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> ends = endOffsets(admin);
            for (String each : groups(admin, group)) {
                moveToEnd(admin, each, ends);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot move consumer group " + group + " past the shared backlog", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while moving consumer group " + group, e);
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> endOffsets(Admin admin)
            throws ExecutionException, InterruptedException {
        Set<String> existing = admin.listTopics().names().get();
        Set<String> eventTopics = Topics.everyTopic().stream().filter(spec -> !spec.compacted())
                .map(TopicSpec::name).filter(existing::contains).collect(Collectors.toSet());
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription topic : admin.describeTopics(eventTopics).allTopicNames().get().values()) {
            topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()),
                    OffsetSpec.latest()));
        }
        Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
        admin.listOffsets(latest).all().get()
                .forEach((partition, info) -> ends.put(partition, new OffsetAndMetadata(info.offset())));
        return ends;
    }

    private static Collection<String> groups(Admin admin, String group) throws ExecutionException, InterruptedException {
        Set<String> groups = new LinkedHashSet<>();
        groups.add(group);
        admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                .filter(id -> id.startsWith(group + "-")).forEach(groups::add);
        return groups;
    }

    /** A group still has members while the previous test JVM's consumers time out; offsets move once it is empty. */
    private static void moveToEnd(Admin admin, String group, Map<TopicPartition, OffsetAndMetadata> ends)
            throws ExecutionException, InterruptedException {
        Instant deadline = Instant.now().plus(GROUP_EMPTY_TIMEOUT);
        while (true) {
            try {
                admin.alterConsumerGroupOffsets(group, ends).all().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof GroupNotEmptyException) || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                LOG.log(System.Logger.Level.INFO,
                        "Consumer group {0} still has members; waiting to move it past the shared backlog", group);
                Thread.sleep(1_000);
            }
        }
    }
}
