package ru.vklad.bench.ledger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import ru.vklad.devstack.Leftovers;
import ru.vklad.devstack.OidcTokens;
import ru.vklad.devstack.Ports;
import ru.vklad.devstack.ServiceProcess;
import ru.vklad.devstack.StackEndpoints;
import ru.vklad.devstack.StackState;
import ru.vklad.devstack.VkladService;
import ru.vklad.events.AwardCommand;
import ru.vklad.events.LedgerEvent;
import ru.vklad.events.Topics;
import ru.vklad.events.serde.JsonSerializer;
import ru.vklad.events.serde.LedgerEventDeserializer;

/**
 * Entries per second and command-to-entry latency of the packaged ledger service, every award drawing on the one
 * issuance account and every member balance checked.
 * <ol>
 * <li>Flood: after a warm-up, N award commands (every 20th a redelivery of an earlier one) as fast as the
 * producer sends them; the clock runs from the first outcome's commit to the last one's.</li>
 * <li>Fixed rate: R commands/s for S seconds into the running service; each command's latency is from the moment
 * it was handed to the producer to the moment its {@code ENTRY_POSTED} event arrives on {@code ledger-events} —
 * an upper bound of "produced to committed", since the event leaves through the outbox after the commit.</li>
 * </ol>
 * Both end with the ledger's own invariant check. Usage: LedgerBench state-dir project-dir N R S
 */
public final class LedgerBench {

    private static final int MEMBERS = 10_000;

    public static void main(String[] args) throws Exception {
        Path stateDir = Path.of(args[0]);
        Path project = Path.of(args[1]);
        int backlog = Integer.parseInt(args[2]);
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        StackEndpoints stack = StackState.read(stateDir).orElseThrow().endpoints();
        String run = "bench-" + System.currentTimeMillis();

        ServiceProcess service = new ServiceProcess(VkladService.LEDGER, Ports.free(), project,
                stack.environment(VkladService.LEDGER.database()), Map.of(), stateDir.resolve("ledger-bench.log"),
                Leftovers.marker(stateDir));
        service.start();
        try (KafkaProducer<String, Object> kafka = producer(stack)) {
            // The JIT compiles the hot path in the first tens of thousands of commands; measure a warm service.
            flood(kafka, stack, run, "w", warmUp(backlog));
            Flood measured = flood(kafka, stack, run, "b", backlog);
            System.out.printf("RESULT flood commands=%d entries=%d duplicates=%d seconds=%.2f entries_per_second=%.0f "
                            + "commands_per_second=%.0f producer_seconds=%.2f check=%s%n", backlog, measured.entries(),
                    backlog - measured.entries(), measured.seconds(), measured.entries() / measured.seconds(),
                    backlog / measured.seconds(), measured.producing(), check(service, stack));

            rate(kafka, stack, run, rate, seconds);
            System.out.printf("RESULT check-after-rate=%s%n", check(service, stack));
            metrics(service);
        } finally {
            service.stop();
        }
    }

    private static int warmUp(int backlog) {
        return Math.min(backlog, 50_000);
    }

    private record Flood(int entries, double seconds, double producing) {
    }

    /**
     * Sends {@code commands} as fast as the producer goes (every 20th a redelivery of an earlier one) and times
     * from the first outcome to the last. The harness's producer shares the machine with the service, so the
     * figure is a lower bound of what the service does alone.
     */
    private static Flood flood(KafkaProducer<String, Object> kafka, StackEndpoints stack, String run, String phase,
                               int commands) throws Exception {
        String prefix = run + "-" + phase + "-";
        int distinct = 0;
        long started = System.nanoTime();
        for (int i = 0; i < commands; i++) {
            boolean redelivery = i % 20 == 19;
            distinct += redelivery ? 0 : 1;
            send(kafka, run, phase, i, redelivery ? i - 10 : i);
        }
        kafka.flush();
        double producing = (System.nanoTime() - started) / 1e9;
        while (count(stack, prefix) < commands) {
            Thread.sleep(100);
        }
        // The outcomes' own clock: from the first batch's commit to the last one's.
        return new Flood(distinct, span(stack, prefix), producing);
    }

    private static void rate(KafkaProducer<String, Object> kafka, StackEndpoints stack, String run, int rate,
                             int seconds) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Instant> sentClock = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean listening = new AtomicBoolean(true);
        int total = rate * seconds;
        String prefix = run + "-r-";
        Thread listener = new Thread(() -> {
            try (KafkaConsumer<String, LedgerEvent> events = consumer(stack)) {
                List<TopicPartition> partitions = events.partitionsFor(Topics.LEDGER_EVENTS).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                events.assign(partitions);
                events.seekToEnd(partitions);
                partitions.forEach(events::position);
                synchronized (latencies) {
                    latencies.notifyAll();
                }
                while (listening.get()) {
                    for (ConsumerRecord<String, LedgerEvent> record : events.poll(Duration.ofMillis(50))) {
                        long now = System.nanoTime();
                        LedgerEvent event = record.value();
                        Long sent = event == null ? null : sentAt.get(event.commandId());
                        if (sent != null && event.type() == LedgerEvent.Type.ENTRY_POSTED) {
                            latencies.add(now - sent);
                        }
                    }
                }
            }
        });
        synchronized (latencies) {
            listener.start();
            latencies.wait(30_000);
        }
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            sentAt.put(prefix + i, System.nanoTime());
            sentClock.put(prefix + i, Instant.now());
            send(kafka, run, "r", i, i);
        }
        kafka.flush();
        double producing = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (latencies.size() < total && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        listening.set(false);
        listener.join();
        List<Long> sorted;
        synchronized (latencies) {
            sorted = latencies.stream().sorted().toList();
        }
        System.out.printf("RESULT rate target=%d/s produced=%d in %.2f s (%.0f/s) to-event: posted=%d p50_ms=%.1f "
                        + "p99_ms=%.1f max_ms=%.1f%n", rate, total, producing, total / producing, sorted.size(),
                percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 1.0));
        List<Long> committed = committedLatencies(stack, prefix, sentClock);
        System.out.printf("RESULT rate target=%d/s to-commit: outcomes=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f%n", rate,
                committed.size(), percentile(committed, 0.50), percentile(committed, 0.99), percentile(committed, 1.0));
    }

    /**
     * Produced to committed: each outcome's {@code recorded_at} is the database clock at the batch's last statement
     * before COMMIT (same machine, same clock as the harness).
     */
    private static List<Long> committedLatencies(StackEndpoints stack, String prefix, Map<String, Instant> sentClock)
            throws Exception {
        List<Long> latencies = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(VkladService.LEDGER.database()),
                stack.postgresUser(), stack.postgresPassword());
             PreparedStatement q = c.prepareStatement(
                     "SELECT command_id, recorded_at FROM command_outcome WHERE command_id LIKE ?")) {
            q.setString(1, prefix + "%");
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    Instant sent = sentClock.get(rs.getString(1));
                    Instant recorded = rs.getObject(2, java.time.OffsetDateTime.class).toInstant();
                    latencies.add(Duration.between(sent, recorded).toNanos());
                }
            }
        }
        Collections.sort(latencies);
        return latencies;
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    /** Command {@code i} of a phase, awarding what command {@code n} awards (n &lt; i is a redelivery of n). */
    private static void send(KafkaProducer<String, Object> kafka, String run, String phase, int i, int n) {
        long member = 97_000_000L + n % MEMBERS;
        long points = 1 + n % 10;
        kafka.send(new ProducerRecord<>(Topics.AWARD_COMMANDS, String.valueOf(member), new AwardCommand(
                run + "-" + phase + "-" + i, run + ":" + phase + ":" + n, AwardCommand.Type.AWARD, member, points,
                "like", 1, "+" + points + " за отметку «Мне нравится»", "bench", Instant.now())));
    }

    private static String check(ServiceProcess service, StackEndpoints stack) throws Exception {
        String token = OidcTokens.password(stack.realmUrl(), "hr.admin", "demo-hr-admin");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(service.url() + "/api/ledger/check")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    /** The service's own figures: batch sizes and durations, outbox relay rounds. */
    private static void metrics(ServiceProcess service) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.url() + "/q/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        body.lines().filter(line -> line.startsWith("vklad_ledger_")).forEach(line -> System.out.println("RESULT " + line));
    }

    private static double span(StackEndpoints stack, String prefix) throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(VkladService.LEDGER.database()),
                stack.postgresUser(), stack.postgresPassword());
             PreparedStatement q = c.prepareStatement("""
                     SELECT extract(epoch FROM max(recorded_at) - min(recorded_at)) FROM command_outcome
                     WHERE command_id LIKE ?""")) {
            q.setString(1, prefix + "%");
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    private static long count(StackEndpoints stack, String prefix) throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(VkladService.LEDGER.database()),
                stack.postgresUser(), stack.postgresPassword());
             PreparedStatement q = c.prepareStatement("SELECT count(*) FROM command_outcome WHERE command_id LIKE ?")) {
            q.setString(1, prefix + "%");
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static KafkaProducer<String, Object> producer(StackEndpoints stack) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        return new KafkaProducer<>(config, new StringSerializer(), new JsonSerializer<>());
    }

    private static KafkaConsumer<String, LedgerEvent> consumer(StackEndpoints stack) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new LedgerEventDeserializer());
    }
}
