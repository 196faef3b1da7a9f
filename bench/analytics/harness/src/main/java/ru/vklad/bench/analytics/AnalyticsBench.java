package ru.vklad.bench.analytics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import ru.vklad.devstack.Leftovers;
import ru.vklad.devstack.OidcTokens;
import ru.vklad.devstack.Ports;
import ru.vklad.devstack.ServiceProcess;
import ru.vklad.devstack.StackEndpoints;
import ru.vklad.devstack.StackState;
import ru.vklad.devstack.VkladService;
import ru.vklad.events.Topics;
import ru.vklad.events.serde.JsonSerializer;

/**
 * Ingest rate and query latencies of the packaged analytics service on a large community
 * ({@link CommunityGenerator}).
 * <ol>
 * <li>The members, activities and ledger events are produced to their topics first, with the service stopped.</li>
 * <li>The service starts and drains the topics; the clock runs from its group's first committed offset to the
 * moment every partition is committed to its end (read every 500 ms: the figure is at most that much low).</li>
 * <li>Queries over HTTP with an HR token, one at a time: leaderboards of a week, a month and a 45-day range
 * (overall and per department), a member's rank in a month and in 45 days, a member's points per day in a month;
 * random periods and members, warm-up first; p50/p95/p99 per kind.</li>
 * </ol>
 * Usage: AnalyticsBench state-dir project-dir members activities ledger-events queries-per-kind
 */
public final class AnalyticsBench {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final int DAYS = 91;
    private static final String GROUP_ID = "analytics-service";

    public static void main(String[] args) throws Exception {
        Path stateDir = Path.of(args[0]);
        Path project = Path.of(args[1]);
        int members = Integer.parseInt(args[2]);
        long activities = Long.parseLong(args[3]);
        long ledgerEvents = Long.parseLong(args[4]);
        int queries = Integer.parseInt(args[5]);
        StackEndpoints stack = StackState.read(stateDir).orElseThrow().endpoints();
        LocalDate today = LocalDate.now(MOSCOW);
        CommunityGenerator community = new CommunityGenerator(members, today, DAYS);

        long started = System.nanoTime();
        try (KafkaProducer<String, Object> kafka = producer(stack)) {
            community.members(member -> kafka.send(new ProducerRecord<>(Topics.MEMBERS,
                    String.valueOf(member.vkUserId()), member)));
            community.activities(activities, activity -> kafka.send(new ProducerRecord<>(Topics.ACTIVITIES,
                    String.valueOf(activity.vkUserId()), activity)));
            community.ledgerEvents(ledgerEvents, event -> kafka.send(new ProducerRecord<>(Topics.LEDGER_EVENTS,
                    String.valueOf(event.memberVkId()), event)));
            kafka.flush();
        }
        System.out.printf("RESULT generated members=%d activities=%d ledger_events=%d seconds=%.1f%n", members,
                activities, ledgerEvents, (System.nanoTime() - started) / 1e9);

        ServiceProcess service = new ServiceProcess(VkladService.ANALYTICS, Ports.free(), project,
                stack.environment(VkladService.ANALYTICS.database()),
                // As in a cluster: erasures remembered, so every poll looks its members up among the erased.
                Map.of("vklad.analytics.erasure.key", "bench-erasure-key"),
                stateDir.resolve("analytics-bench.log"), Leftovers.marker(stateDir));
        service.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers()))) {
            drain(admin, activities, ledgerEvents, members);
            rss(service);
            query(service, stack, community, members, queries);
            rss(service);
        } finally {
            service.stop();
        }
    }

    /** Waits until the service has committed every partition of the three topics to its end, and times it. */
    private static void drain(Admin admin, long activities, long ledgerEvents, int members) throws Exception {
        List<String> topics = List.of(Topics.ACTIVITIES, Topics.LEDGER_EVENTS, Topics.MEMBERS);
        Map<TopicPartition, Long> ends = new java.util.HashMap<>();
        for (String topic : topics) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
            Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(
                    p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
        }
        long first = 0;
        Map<String, Long> caughtUp = new java.util.HashMap<>();
        long deadline = System.nanoTime() + java.time.Duration.ofHours(2).toNanos();
        while (caughtUp.size() < topics.size() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP_ID)
                    .partitionsToOffsetAndMetadata().get();
            long now = System.nanoTime();
            if (first == 0 && committed.values().stream().anyMatch(o -> o != null && o.offset() > 0)) {
                first = now;
            }
            for (String topic : topics) {
                boolean done = ends.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                        .allMatch(e -> e.getValue() == 0 || (committed.get(e.getKey()) != null
                                && committed.get(e.getKey()).offset() >= e.getValue()));
                if (done) {
                    caughtUp.putIfAbsent(topic, now);
                }
            }
        }
        if (caughtUp.size() < topics.size()) {
            throw new IllegalStateException("the service did not catch up within 2 hours: " + caughtUp.keySet());
        }
        long start = first;
        double activitySeconds = (caughtUp.get(Topics.ACTIVITIES) - start) / 1e9;
        double ledgerSeconds = (caughtUp.get(Topics.LEDGER_EVENTS) - start) / 1e9;
        double allSeconds = (Collections.max(caughtUp.values()) - start) / 1e9;
        System.out.printf("RESULT ingest activities=%d seconds=%.1f per_second=%.0f%n", activities, activitySeconds,
                activities / activitySeconds);
        System.out.printf("RESULT ingest ledger_events=%d seconds=%.1f per_second=%.0f%n", ledgerEvents, ledgerSeconds,
                ledgerEvents / ledgerSeconds);
        System.out.printf("RESULT ingest all_events=%d seconds=%.1f per_second=%.0f (the topics are drained "
                + "concurrently)%n", activities + ledgerEvents + members, allSeconds,
                (activities + ledgerEvents + members) / allSeconds);
    }

    private static void query(ServiceProcess service, StackEndpoints stack, CommunityGenerator community, int members,
                              int queries) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = OidcTokens.password(stack.realmUrl(), "hr.analyst", "demo-hr-analyst");
        SplittableRandom random = new SplittableRandom(11);
        LocalDate first = community.firstDay();
        IntFunction<LocalDate> week = i -> first.plusDays(7L * random.nextInt(DAYS / 7 - 1))
                .with(java.time.DayOfWeek.MONDAY).plusWeeks(1);
        Map<String, IntFunction<String>> kinds = new java.util.LinkedHashMap<>();
        kinds.put("leaderboard_week", i -> {
            LocalDate from = week.apply(i);
            return "/api/analytics/leaderboard?from=" + from + "&to=" + from.plusDays(6);
        });
        kinds.put("leaderboard_month", i -> month("/api/analytics/leaderboard", first, random));
        kinds.put("leaderboard_45_days", i -> days45("/api/analytics/leaderboard", first, random));
        kinds.put("leaderboard_month_department", i -> month("/api/analytics/leaderboard", first, random)
                + "&department=" + department(random, members));
        kinds.put("leaderboard_45_days_department", i -> days45("/api/analytics/leaderboard", first, random)
                + "&department=" + department(random, members));
        kinds.put("member_rank_month", i -> month("/api/analytics/leaderboard/members/" + member(random, members),
                first, random));
        kinds.put("member_rank_45_days", i -> days45("/api/analytics/leaderboard/members/" + member(random, members),
                first, random));
        kinds.put("member_points_month", i -> month("/api/analytics/members/" + member(random, members) + "/points",
                first, random));
        kinds.put("leaderboard_quarter", i -> quarter("/api/analytics/leaderboard", first));
        kinds.put("leaderboard_quarter_department", i -> quarter("/api/analytics/leaderboard", first)
                + "&department=" + department(random, members));
        kinds.put("member_rank_quarter", i -> quarter("/api/analytics/leaderboard/members/" + member(random, members),
                first));
        for (var kind : kinds.entrySet()) {
            for (int i = 0; i < 20; i++) {
                get(http, service, token, kind.getValue().apply(i));
            }
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < queries; i++) {
                String path = kind.getValue().apply(i);
                long t = System.nanoTime();
                get(http, service, token, path);
                latencies.add(System.nanoTime() - t);
            }
            Collections.sort(latencies);
            System.out.printf("RESULT query %s n=%d p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f%n", kind.getKey(),
                    queries, percentile(latencies, 0.50), percentile(latencies, 0.95), percentile(latencies, 0.99),
                    percentile(latencies, 1.0));
        }
    }

    private static String month(String path, LocalDate first, SplittableRandom random) {
        LocalDate from = first.plusMonths(1).withDayOfMonth(1).plusMonths(random.nextInt(2));
        return path + "?from=" + from + "&to=" + from.plusMonths(1).minusDays(1);
    }

    /** The first calendar quarter that starts within the generated days (about two of its months have activity). */
    private static String quarter(String path, LocalDate first) {
        LocalDate before = first.minusDays(1);
        LocalDate from = before.withDayOfMonth(1).withMonth((before.getMonthValue() - 1) / 3 * 3 + 1).plusMonths(3);
        return path + "?from=" + from + "&to=" + from.plusMonths(3).minusDays(1);
    }

    private static String days45(String path, LocalDate first, SplittableRandom random) {
        LocalDate from = first.plusDays(random.nextInt(DAYS - 45));
        return path + "?from=" + from + "&to=" + from.plusDays(44);
    }

    private static String department(SplittableRandom random, int members) {
        return java.net.URLEncoder.encode(CommunityGenerator.department(member(random, members)),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    private static long member(SplittableRandom random, int members) {
        double u = random.nextDouble();
        return CommunityGenerator.FIRST_MEMBER + (long) (members * u * u);
    }

    private static void get(HttpClient http, ServiceProcess service, String token, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(service.url() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && response.statusCode() != 404) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static double percentile(List<Long> sorted, double p) {
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    /** The service's resident memory, from /proc (Linux). */
    private static void rss(ServiceProcess service) throws Exception {
        ProcessHandle handle = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("analytics-service/target/quarkus-app"))
                .findFirst().orElse(null);
        if (handle != null) {
            String status = Files.readString(Path.of("/proc", String.valueOf(handle.pid()), "status"));
            status.lines().filter(line -> line.startsWith("VmRSS") || line.startsWith("VmHWM"))
                    .forEach(line -> System.out.println("RESULT memory " + line.replaceAll("\\s+", " ")));
        }
    }

    private static KafkaProducer<String, Object> producer(StackEndpoints stack) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        return new KafkaProducer<>(config, new StringSerializer(), new JsonSerializer<>());
    }
}
