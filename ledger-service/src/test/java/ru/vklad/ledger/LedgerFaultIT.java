package ru.vklad.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import ru.vklad.devstack.Leftovers;
import ru.vklad.devstack.Ports;
import ru.vklad.devstack.PostgresServer;
import ru.vklad.devstack.ServiceProcess;
import ru.vklad.devstack.StackEndpoints;
import ru.vklad.devstack.VkladService;
import ru.vklad.devstack.test.KeycloakTokens;
import ru.vklad.devstack.test.SharedStack;
import ru.vklad.events.AwardCommand;
import ru.vklad.events.Topics;
import ru.vklad.events.serde.JsonSerializer;

/**
 * The packaged ledger service under failure, each time with a stream of 12,000 commands (redeliveries and
 * reversals among them) being consumed: killed with SIGKILL and started again; its PostgreSQL restarted; two
 * replicas sharing the topic. After recovery the ledger's own check passes, every distinct command posted exactly
 * one entry, every command has an outcome and each balance is what the distinct commands add up to.
 */
class LedgerFaultIT {

    private static final int COMMANDS = 12_000;
    private static final int MEMBERS = 300;
    private static final Duration SETTLE = Duration.ofSeconds(120);

    private final Path project = Path.of(System.getProperty("vklad.project.dir", "..")).toAbsolutePath().normalize();

    @Test
    void killedWithSigkillMidStreamTheLedgerPostsEveryDistinctCommandOnce() throws Exception {
        Path work = workDirectory("kill");
        StackEndpoints stack = SharedStack.endpoints();
        CommandStream stream = stream("kill", 1);
        Map<String, String> env = stack.environment(VkladService.LEDGER.database());

        ServiceProcess first = start(env, work.resolve("first.log"));
        try {
            CompletableFuture<Void> sending = sendPaced(stack, stream, 4_000);
            awaitOutcomes(stack, stream, COMMANDS / 5);
            first.kill();
            assertThat(outcomes(stack, stream)).as("killed mid-stream").isLessThan(COMMANDS);
            sending.get();
        } finally {
            first.stop();
        }
        ServiceProcess restarted = start(env, work.resolve("restarted.log"));
        try {
            assertSettled(stack, stream, restarted);
        } finally {
            restarted.stop();
        }
    }

    @Test
    void postgresRestartedMidStreamLosesNothingAndPostsNothingTwice() throws Exception {
        Path work = workDirectory("postgres");
        StackEndpoints shared = SharedStack.endpoints();
        int port = Ports.free();
        PostgresServer postgres = new PostgresServer(port, work.resolve("pg-data"), work.resolve("pg.log"));
        postgres.start();
        try {
            StackEndpoints stack = new StackEndpoints(shared.kafkaBootstrapServers(), "127.0.0.1", port,
                    PostgresServer.USER, PostgresServer.PASSWORD, shared.keycloakUrl());
            CommandStream stream = stream("postgres", 2);
            ServiceProcess service = start(stack.environment(VkladService.LEDGER.database()), work.resolve("service.log"));
            try {
                CompletableFuture<Void> sending = sendPaced(stack, stream, 3_000);
                awaitOutcomes(stack, stream, COMMANDS / 5);
                postgres.restart();
                sending.get();
                assertSettled(stack, stream, service);
            } finally {
                service.stop();
            }
        } finally {
            postgres.stop();
        }
    }

    @Test
    void twoReplicasShareTheTopicAndAgreeOnEveryBalance() throws Exception {
        Path work = workDirectory("replicas");
        StackEndpoints stack = SharedStack.endpoints();
        CommandStream stream = stream("replicas", 3);
        Map<String, String> env = stack.environment(VkladService.LEDGER.database());

        ServiceProcess one = start(env, work.resolve("one.log"));
        try {
            ServiceProcess two = start(env, work.resolve("two.log"));
            try {
                sendPaced(stack, stream, 3_000).get();
                assertSettled(stack, stream, two);
                assertThat(batchesWritten(one)).as("replica one wrote batches").isPositive();
                assertThat(batchesWritten(two)).as("replica two wrote batches").isPositive();
            } finally {
                two.stop();
            }
        } finally {
            one.stop();
        }
    }

    private CommandStream stream(String name, long seed) {
        String run = "fault-" + name + "-" + System.currentTimeMillis();
        long firstMember = 60_000_000L + (System.nanoTime() % 10_000) * 1_000;
        return CommandStream.generate(run, firstMember, MEMBERS, COMMANDS, seed);
    }

    private Path workDirectory(String name) throws Exception {
        Path work = project.resolve("ledger-service/target/fault-it/" + name);
        Files.createDirectories(work);
        Leftovers.kill(work);
        return work;
    }

    private ServiceProcess start(Map<String, String> env, Path log) throws Exception {
        Map<String, String> environment = new HashMap<>(env);
        environment.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        ServiceProcess service = new ServiceProcess(VkladService.LEDGER, Ports.free(), project, environment, Map.of(),
                log, Leftovers.marker(log.getParent()));
        service.start();
        return service;
    }

    /** Sends the stream at about {@code perSecond} commands/s from another thread, so faults land mid-stream. */
    private static CompletableFuture<Void> sendPaced(StackEndpoints stack, CommandStream stream, int perSecond) {
        return CompletableFuture.runAsync(() -> {
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, Object> producer = new KafkaProducer<>(config, new StringSerializer(),
                    new JsonSerializer<>())) {
                long start = System.nanoTime();
                List<AwardCommand> commands = stream.commands();
                for (int i = 0; i < commands.size(); i++) {
                    AwardCommand command = commands.get(i);
                    producer.send(new ProducerRecord<>(Topics.AWARD_COMMANDS, String.valueOf(command.memberVkId()),
                            command));
                    long due = start + (long) (i * 1e9 / perSecond);
                    long wait = due - System.nanoTime();
                    if (wait > 1_000_000) {
                        Thread.sleep(wait / 1_000_000);
                    }
                }
                producer.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static void assertSettled(StackEndpoints stack, CommandStream stream, ServiceProcess service)
            throws Exception {
        awaitOutcomes(stack, stream, COMMANDS);
        await().atMost(SETTLE).until(() -> longQuery(stack, "SELECT count(*) FROM outbox", null) == 0);

        assertThat(longQuery(stack, "SELECT count(*) FROM journal_entry WHERE idempotency_key LIKE ?",
                stream.keyPrefix() + "%")).as("one entry per distinct command").isEqualTo(stream.distinctKeys());
        assertThat(balances(stack, stream)).as("balances from the distinct commands")
                .isEqualTo(stream.expectedBalances());
        HttpResponse<String> check = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(service.url() + "/api/ledger/check"))
                .header("Authorization", "Bearer " + KeycloakTokens.accessToken("hr.admin", "demo-hr-admin")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(check.statusCode()).isEqualTo(200);
        assertThat(check.body()).contains("\"ok\":true");
    }

    private static void awaitOutcomes(StackEndpoints stack, CommandStream stream, int atLeast) {
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(200))
                .until(() -> outcomes(stack, stream) >= atLeast);
    }

    private static long outcomes(StackEndpoints stack, CommandStream stream) throws Exception {
        return longQuery(stack, "SELECT count(*) FROM command_outcome WHERE command_id LIKE ?",
                stream.commandIdPrefix() + "%");
    }

    private static Map<Long, Long> balances(StackEndpoints stack, CommandStream stream) throws Exception {
        Map<Long, Long> balances = new HashMap<>();
        try (Connection c = connect(stack);
             PreparedStatement q = c.prepareStatement("""
                     SELECT substring(a.code FROM 8)::bigint, b.balance FROM member_balance b
                     JOIN account a ON a.id = b.account_id WHERE a.code = ANY(?)""")) {
            q.setArray(1, c.createArrayOf("text", stream.expectedBalances().keySet().stream()
                    .map(member -> "member:" + member).toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    balances.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        return balances;
    }

    private static long longQuery(StackEndpoints stack, String sql, String parameter) throws Exception {
        try (Connection c = connect(stack); PreparedStatement q = c.prepareStatement(sql)) {
            if (parameter != null) {
                q.setString(1, parameter);
            }
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Connection connect(StackEndpoints stack) throws Exception {
        return DriverManager.getConnection(stack.jdbcUrl(VkladService.LEDGER.database()), stack.postgresUser(),
                stack.postgresPassword());
    }

    /** How many batches this replica wrote, from its own metrics. */
    private static double batchesWritten(ServiceProcess service) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.url() + "/q/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(line -> line.startsWith("vklad_ledger_batch_duration_seconds_count"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
