package ru.vklad.bench.notify;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import ru.vklad.devstack.DemoCommunity;
import ru.vklad.devstack.Leftovers;
import ru.vklad.devstack.Ports;
import ru.vklad.devstack.ServiceProcess;
import ru.vklad.devstack.StackEndpoints;
import ru.vklad.devstack.StackState;
import ru.vklad.devstack.VkladService;
import ru.vklad.devstack.vk.VkApiDouble;
import ru.vklad.events.Activity;
import ru.vklad.events.ActivityType;
import ru.vklad.events.LedgerEvent;
import ru.vklad.events.Topics;
import ru.vklad.events.serde.JsonSerializer;

/**
 * Messages per second from {@code ledger-events} to the VK API double through the packaged notification service:
 * N members who allowed messages, one award each, timed from the first event sent to the last delivery SENT.
 * Usage: NotifyBench <stack state dir> <project dir> <messages> <requests per second, 0 = limiter off>
 */
public final class NotifyBench {

    private static final String TOKEN = "bench-token";

    public static void main(String[] args) throws Exception {
        Path stateDir = Path.of(args[0]);
        Path project = Path.of(args[1]);
        int messages = Integer.parseInt(args[2]);
        int perSecond = Integer.parseInt(args[3]);
        StackEndpoints stack = StackState.read(stateDir).orElseThrow().endpoints();
        long first = 95_000_000L + (System.currentTimeMillis() / 1000 % 100_000) * 1000L;

        try (VkApiDouble vk = VkApiDouble.start(0).acceptToken(TOKEN, DemoCommunity.ID)
                .requestsPerSecond(Integer.MAX_VALUE);
             KafkaProducer<String, Object> kafka = producer(stack)) {
            Map<String, String> env = new HashMap<>(stack.environment(VkladService.NOTIFICATION.database()));
            env.putAll(vk.notificationServiceEnvironment(DemoCommunity.ID, TOKEN));
            env.putAll(Map.of(
                    "VKLAD_NOTIFY_VK_REQUESTS_PER_SECOND", String.valueOf(perSecond),
                    "VKLAD_NOTIFY_DELIVERY_POLL_INTERVAL", "100ms",
                    "VKLAD_NOTIFY_DELIVERY_BATCH_SIZE", "100"));
            ServiceProcess service = new ServiceProcess(VkladService.NOTIFICATION, Ports.free(), project, env,
                    Map.of(), stateDir.resolve("notification-bench.log"), Leftovers.marker(stateDir));
            service.start();
            try {
                for (long member = first; member < first + messages; member++) {
                    vk.allowMessages(member);
                    kafka.send(new ProducerRecord<>(Topics.ACTIVITIES, String.valueOf(member), new Activity(
                            "229000001:perm-" + member, DemoCommunity.ID, ActivityType.MESSAGES_ALLOWED, member, null,
                            null, null, false, null, 0, Instant.now())));
                }
                kafka.flush();
                while (count(stack, "SELECT count(*) FROM recipient WHERE messages_allowed AND vk_user_id BETWEEN ? AND ?",
                        first, messages) < messages) {
                    Thread.sleep(100);
                }
                long start = System.nanoTime();
                for (long member = first; member < first + messages; member++) {
                    kafka.send(new ProducerRecord<>(Topics.LEDGER_EVENTS, String.valueOf(member), new LedgerEvent(
                            "bench-" + member, LedgerEvent.Type.ENTRY_POSTED, "cmd-" + member, "key-" + member,
                            member, member, 5, 5L, "за содержательный комментарий", Instant.now())));
                }
                kafka.flush();
                while (count(stack, "SELECT count(*) FROM delivery_log WHERE status = 'SENT' AND vk_user_id BETWEEN ? AND ?",
                        first, messages) < messages) {
                    Thread.sleep(50);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("RESULT limiter=%s messages=%d seconds=%.2f messages_per_second=%.1f vk_calls=%d "
                                + "vk_messages=%d%n", perSecond <= 0 ? "off" : perSecond + "/s", messages, seconds,
                        messages / seconds, vk.calls(), vk.messages().size());
            } finally {
                service.stop();
            }
        }
    }

    private static KafkaProducer<String, Object> producer(StackEndpoints stack) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(config, new StringSerializer(), new JsonSerializer<>());
    }

    private static long count(StackEndpoints stack, String sql, long first, int messages) throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(VkladService.NOTIFICATION.database()),
                stack.postgresUser(), stack.postgresPassword());
             PreparedStatement q = c.prepareStatement(sql)) {
            q.setLong(1, first);
            q.setLong(2, first + messages - 1);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
