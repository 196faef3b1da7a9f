package ru.vklad.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import ru.vklad.devstack.DemoCommunity;
import ru.vklad.devstack.Leftovers;
import ru.vklad.devstack.Ports;
import ru.vklad.devstack.ServiceProcess;
import ru.vklad.devstack.StackEndpoints;
import ru.vklad.devstack.VkladService;
import ru.vklad.devstack.test.SharedStack;
import ru.vklad.devstack.test.TestKafka;
import ru.vklad.devstack.vk.VkApiDouble;
import ru.vklad.events.Activity;
import ru.vklad.events.ActivityType;
import ru.vklad.events.LedgerEvent;
import ru.vklad.events.Topics;

/**
 * The packaged notification service is killed with SIGKILL while it is sending a batch through VK, then started
 * again: every message arrives, none twice (the VK double keeps one message per peer and random_id, as VK does).
 */
class DeliveryCrashIT {

    private static final String TOKEN = "crash-test-token";
    private static final int MEMBERS = 150;

    @Test
    void killedMidBatchTheServiceLosesNoMessageAndSendsNoneTwice() throws Exception {
        StackEndpoints stack = SharedStack.endpoints();
        Path project = Path.of(System.getProperty("vklad.project.dir", "..")).toAbsolutePath().normalize();
        Path work = project.resolve("notification-service/target/crash-it");
        Files.createDirectories(work);
        Leftovers.kill(work);
        long first = 91_000_000L + System.nanoTime() % 1_000_000 * 1000;
        List<Long> members = LongStream.range(first, first + MEMBERS).boxed().toList();

        try (VkApiDouble vk = VkApiDouble.start(0).acceptToken(TOKEN, DemoCommunity.ID).requestsPerSecond(100)) {
            Map<String, String> env = new HashMap<>(stack.environment(VkladService.NOTIFICATION.database()));
            env.putAll(vk.notificationServiceEnvironment(DemoCommunity.ID, TOKEN));
            env.putAll(Map.of(
                    "VKLAD_NOTIFY_VK_REQUESTS_PER_SECOND", "25",
                    "VKLAD_NOTIFY_DELIVERY_LEASE", "3s",
                    "VKLAD_NOTIFY_DELIVERY_POLL_INTERVAL", "200ms",
                    "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false"));
            ServiceProcess service = start(project, work.resolve("first.log"), env);
            try {
                for (long member : members) {
                    vk.allowMessages(member);
                    TestKafka.send(Topics.ACTIVITIES, String.valueOf(member), new Activity("229000001:perm-" + member,
                            DemoCommunity.ID, ActivityType.MESSAGES_ALLOWED, member, null, null, null, false, null, 0,
                            Instant.now()));
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> allowedRecipients(stack, members) == MEMBERS);
                for (long member : members) {
                    TestKafka.send(Topics.LEDGER_EVENTS, String.valueOf(member), new LedgerEvent("crash-" + member,
                            LedgerEvent.Type.ENTRY_POSTED, "cmd-" + member, "key-" + member, member, member, 5, 5L,
                            "за содержательный комментарий", Instant.now()));
                }
                // Kill it once a third is out: the limiter (25/s) keeps the rest in the middle of being sent.
                await().atMost(Duration.ofSeconds(60)).until(() -> vk.messages().size() >= MEMBERS / 3);
                service.kill();
            } finally {
                service.stop();
            }
            int deliveredBeforeKill = vk.messages().size();
            assertThat(deliveredBeforeKill).as("killed mid-batch").isLessThan(MEMBERS);

            ServiceProcess restarted = start(project, work.resolve("restarted.log"), env);
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> statuses(stack, members).getOrDefault("SENT", 0L)
                        == MEMBERS);
            } finally {
                restarted.stop();
            }
            Map<Long, Long> messagesPerMember = vk.messages().stream()
                    .collect(Collectors.groupingBy(VkApiDouble.SentMessage::peerId, Collectors.counting()));
            assertThat(messagesPerMember.keySet()).containsExactlyInAnyOrderElementsOf(members);
            assertThat(messagesPerMember.values()).allMatch(count -> count == 1);
            System.out.printf("DeliveryCrashIT: %d of %d delivered before kill -9; VK saw %d send calls for %d "
                    + "messages%n", deliveredBeforeKill, MEMBERS, vk.calls(), vk.messages().size());
        }
    }

    private static ServiceProcess start(Path project, Path log, Map<String, String> env) throws Exception {
        ServiceProcess service = new ServiceProcess(VkladService.NOTIFICATION, Ports.free(), project, env, Map.of(),
                log, Leftovers.marker(log.getParent()));
        service.start();
        return service;
    }

    private static long allowedRecipients(StackEndpoints stack, List<Long> members) throws Exception {
        return query(stack, "SELECT count(*) FROM recipient WHERE messages_allowed AND vk_user_id BETWEEN ? AND ?",
                members, rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    private static Map<String, Long> statuses(StackEndpoints stack, List<Long> members) throws Exception {
        return query(stack, "SELECT status, count(*) FROM delivery_log WHERE vk_user_id BETWEEN ? AND ? GROUP BY status",
                members, rs -> {
                    Map<String, Long> counts = new HashMap<>();
                    while (rs.next()) {
                        counts.put(rs.getString(1), rs.getLong(2));
                    }
                    return counts;
                });
    }

    private interface ResultReader<T> {
        T read(ResultSet rs) throws Exception;
    }

    private static <T> T query(StackEndpoints stack, String sql, List<Long> members, ResultReader<T> reader)
            throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(VkladService.NOTIFICATION.database()),
                stack.postgresUser(), stack.postgresPassword());
             PreparedStatement q = c.prepareStatement(sql)) {
            q.setLong(1, members.get(0));
            q.setLong(2, members.get(members.size() - 1));
            try (ResultSet rs = q.executeQuery()) {
                return reader.read(rs);
            }
        }
    }
}
