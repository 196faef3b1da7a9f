package ru.vklad.bench.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import ru.vklad.devstack.DemoCommunity;
import ru.vklad.devstack.Leftovers;
import ru.vklad.devstack.OidcTokens;
import ru.vklad.devstack.Ports;
import ru.vklad.devstack.ServiceProcess;
import ru.vklad.devstack.StackEndpoints;
import ru.vklad.devstack.StackState;
import ru.vklad.devstack.VkladService;
import ru.vklad.events.LedgerEvent;
import ru.vklad.events.MemberChanged;
import ru.vklad.events.Topics;
import ru.vklad.events.serde.JsonSerializer;
import ru.vklad.events.serde.LedgerEventDeserializer;

/**
 * The whole product under load on one machine: Kafka, PostgreSQL, Keycloak, the five packaged services (each at
 * {@code -Xmx256m}, the notification service recording instead of sending) and this harness.
 * <ol>
 * <li>{@code members} consenting employees, published on {@code members} as the gateway does; then the harness
 * waits until every consumer group has read them.</li>
 * <li>Latency: {@code like_add} callbacks at a fixed rate over HTTP to {@code /vk/callback}, each a fresh award
 * (a new member and post pair); the time of each from the moment its request is sent to the moment its
 * {@code ENTRY_POSTED} event arrives on {@code ledger-events} (after the ledger's commit and its outbox relay: an
 * upper bound of callback → ledger entry), and where it goes: the gaps between the topics of the pipeline
 * ({@link HopClock}).</li>
 * <li>Sustained: callbacks at a higher fixed rate; the rate VK's requests were answered {@code ok}, every consumer
 * group's lag once a second (the sum over its partitions), and how far each group catches up within a bounded
 * time after (its drain rate).</li>
 * </ol>
 * After each phase: each service's resident memory (VmRSS, and its peak VmHWM) and the ledger's invariant check.
 * Every like is within the earning caps and below the anti-abuse thresholds (each member likes at most a few posts
 * a minute), so every callback is owed one award. Usage: EndToEndBench state-dir project-dir members
 * latency-rate latency-seconds sustained-rate sustained-seconds catch-up-seconds
 */
public final class EndToEndBench {

    private static final long FIRST_MEMBER = 71_000_001L;
    private static final int CONNECTIONS = 32;

    private final StackEndpoints stack;
    private final int members;
    private final Map<VkladService, ServiceProcess> services = new EnumMap<>(VkladService.class);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    private long sequence;

    private EndToEndBench(StackEndpoints stack, int members) {
        this.stack = stack;
        this.members = members;
        this.sequence = members - 1; // the probe is the last member's like
    }

    public static void main(String[] args) throws Exception {
        Path stateDir = Path.of(args[0]);
        Path project = Path.of(args[1]);
        int members = Integer.parseInt(args[2]);
        int latencyRate = Integer.parseInt(args[3]);
        int latencySeconds = Integer.parseInt(args[4]);
        int sustainedRate = Integer.parseInt(args[5]);
        int sustainedSeconds = Integer.parseInt(args[6]);
        int catchUpSeconds = Integer.parseInt(args[7]);
        int warmUpRate = args.length > 8 ? Integer.parseInt(args[8]) : 0;
        int warmUpSeconds = args.length > 9 ? Integer.parseInt(args[9]) : 0;
        EndToEndBench bench = new EndToEndBench(StackState.read(stateDir).orElseThrow().endpoints(), members);
        long owed = (long) warmUpRate * warmUpSeconds + (long) latencyRate * latencySeconds
                + (long) sustainedRate * sustainedSeconds;
        if (owed / members > 40) {
            throw new IllegalArgumentException("each member would like " + owed / members + " posts: more than the "
                    + "anti-abuse checks let through unheld (40 in a member's first 3 days); use more members");
        }
        // The services are stopped however the run ends, a failed start included: the stack stops with the script,
        // they do not.
        try {
            bench.start(stateDir, project);
            AtomicBoolean listening = new AtomicBoolean(true);
            Thread listener = bench.listen(listening);
            HopClock hops = new HopClock(bench.stack.kafkaBootstrapServers());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bench.stack.kafkaBootstrapServers()))) {
                bench.register();
                bench.settle(admin);
                if (warmUpSeconds > 0) {
                    bench.warmUp(admin, warmUpRate, warmUpSeconds);
                }
                hops.clear();
                bench.latency(latencyRate, latencySeconds);
                hops.report("latency");
                bench.report("after_latency");
                bench.sustained(admin, sustainedRate, sustainedSeconds, catchUpSeconds);
                bench.report("after_sustained");
            } finally {
                listening.set(false);
                listener.join();
                hops.stop();
            }
        } finally {
            bench.services.values().forEach(ServiceProcess::stop);
        }
    }

    private void start(Path stateDir, Path project) throws Exception {
        Map<VkladService, Integer> ports = new EnumMap<>(VkladService.class);
        for (VkladService service : VkladService.values()) {
            ports.put(service, Ports.free());
        }
        for (VkladService service : VkladService.values()) {
            Map<String, String> env = new HashMap<>(stack.environment(service.database()));
            env.putAll(service.peersEnvironment(ports));
            services.put(service, new ServiceProcess(service, ports.get(service), project, env,
                    switch (service) {
                        case ACTIVITY -> DemoCommunity.activityServiceProperties();
                        case NOTIFICATION -> DemoCommunity.notificationServiceProperties();
                        default -> Map.of();
                    },
                    stateDir.resolve(service.module() + ".log"), Leftovers.marker(stateDir)));
        }
        List<CompletableFuture<Void>> starting = services.values().stream().map(s -> CompletableFuture.runAsync(() -> {
            try {
                s.start();
            } catch (Exception e) {
                throw new IllegalStateException(s.name() + " did not start", e);
            }
        })).toList();
        CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).get();
    }

    /**
     * The members and their consent, as the gateway publishes them on {@code members}: produced straight to the
     * topic, because the gateway's CSV import saves about 18 lines a second (each line its own transaction,
     * published before the next), which would make the setup of 20,000 members take 18 minutes.
     */
    private void register() throws Exception {
        long began = System.nanoTime();
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, Object> kafka = new KafkaProducer<>(config, new StringSerializer(),
                new JsonSerializer<>())) {
            Instant now = Instant.now();
            for (int i = 0; i < members; i++) {
                long member = FIRST_MEMBER + i;
                kafka.send(new ProducerRecord<>(Topics.MEMBERS, String.valueOf(member), new MemberChanged(member,
                        "B-" + i, "Сотрудник " + i, "Отдел " + (1 + i % 12), "employees", "Europe/Moscow", true, "v1",
                        now)));
            }
            kafka.flush();
        }
        // The activity service learns consent from Kafka: the last member's like must earn before the clock starts.
        // Each try is a fresh like: one that arrived before the consent was dropped for good.
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            long probe = sequence++;
            String key = key(probe);
            sentAt.put(key, System.nanoTime());
            callback(probe).join();
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (sentAt.containsKey(key) && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            if (sentAt.remove(key) == null) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the probe like was never posted to the ledger");
            }
        }
        latencies.clear();
        System.out.printf("RESULT setup members=%d seconds=%.1f%n", members, (System.nanoTime() - began) / 1e9);
    }

    /** Waits until every consumer group has read everything (the members reach every service), up to 10 minutes. */
    private void settle(Admin admin) throws Exception {
        long began = System.nanoTime();
        long deadline = began + Duration.ofMinutes(10).toNanos();
        Map<String, Long> lags = lags(admin);
        while (lags.values().stream().anyMatch(lag -> lag > 0) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            lags = lags(admin);
        }
        System.out.printf("RESULT settled seconds=%.1f lags=%s%n", (System.nanoTime() - began) / 1e9, lags);
    }

    /**
     * Callbacks at {@code rate} for {@code seconds}, not measured, then until every group has read them: a service's
     * first minutes go to its JIT compiler, which a running deployment has long left behind.
     */
    private void warmUp(Admin admin, int rate, int seconds) throws Exception {
        Sent sent = send(rate, seconds);
        System.out.printf("RESULT warm_up rate=%d seconds=%d sent=%d ok=%d%n", rate, seconds, sent.sent(), sent.ok());
        settle(admin);
        latencies.clear();
    }

    private void latency(int rate, int seconds) throws Exception {
        latencies.clear();
        Sent sent = send(rate, seconds);
        System.out.printf("RESULT latency rate=%d seconds=%d sent=%d ok=%d achieved_per_second=%.0f ack_p50_ms=%.1f "
                        + "ack_p99_ms=%.1f %s%n", rate, seconds, sent.sent(), sent.ok(), sent.ok() / sent.seconds(),
                sent.ackP50(), sent.ackP99(), entries(sent, System.nanoTime() + Duration.ofSeconds(300).toNanos()));
    }

    /**
     * Callback (from its due time) to ledger entry of the acknowledged callbacks since {@code latencies} was last
     * cleared, once every one has its entry or at the deadline.
     */
    private String entries(Sent sent, long deadline) throws InterruptedException {
        while (latencies.size() < sent.ok() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<Long> sorted;
        synchronized (latencies) {
            sorted = new ArrayList<>(latencies);
        }
        Collections.sort(sorted);
        return String.format("entries_seen=%d entry_p50_ms=%.1f entry_p95_ms=%.1f entry_p99_ms=%.1f entry_max_ms=%.1f",
                sorted.size(), percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99),
                percentile(sorted, 1.0));
    }

    private void sustained(Admin admin, int rate, int seconds, int catchUpSeconds) throws Exception {
        Map<String, Long> maxLag = new ConcurrentHashMap<>();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                try {
                    lags(admin).forEach((group, lag) -> maxLag.merge(group, lag, Math::max));
                    Thread.sleep(1000);
                } catch (Exception e) {
                    return;
                }
            }
        });
        sampler.start();
        latencies.clear();
        Sent sent = send(rate, seconds);
        sampling.set(false);
        sampler.join();
        Map<String, Long> atEnd = lags(admin);
        long caughtUpAt = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(catchUpSeconds).toNanos();
        Map<String, Long> now = atEnd;
        while (System.nanoTime() < deadline) {
            now = lags(admin);
            if (now.values().stream().allMatch(lag -> lag == 0)) {
                caughtUpAt = System.nanoTime();
                break;
            }
            Thread.sleep(1000);
        }
        double waited = ((caughtUpAt == 0 ? System.nanoTime() : caughtUpAt) - sent.endedAt()) / 1e9;
        System.out.printf("RESULT sustained rate=%d seconds=%d sent=%d ok=%d achieved_per_second=%.0f ack_p50_ms=%.1f "
                        + "ack_p99_ms=%.1f%n", rate, seconds, sent.sent(), sent.ok(), sent.ok() / sent.seconds(),
                sent.ackP50(), sent.ackP99());
        for (String group : new java.util.TreeSet<>(maxLag.keySet())) {
            long end = atEnd.getOrDefault(group, 0L);
            long later = now.getOrDefault(group, 0L);
            System.out.printf("RESULT lag group=%s max_during=%d at_end=%d after_%.0f_s=%d drained_per_second=%.0f%n",
                    group, maxLag.get(group), end, waited, later, (end - later) / waited);
        }
        System.out.printf("RESULT catch_up %s%n", caughtUpAt == 0
                ? "not within " + catchUpSeconds + " s of the end of sending"
                : String.format("every group at lag 0 %.1f s after the end of sending", waited));
        System.out.printf("RESULT sustained_entries rate=%d %s%n", rate,
                entries(sent, System.nanoTime() + Duration.ofSeconds(30).toNanos()));
    }

    private record Sent(long sent, long ok, double seconds, double ackP50, double ackP99, long endedAt) {
    }

    /**
     * Sends {@code rate} fresh likes a second for {@code seconds} over {@value #CONNECTIONS} kept-alive connections,
     * one request at a time each (a plain HTTP/1.1 client: the JDK's asynchronous one took a core of its own at
     * these rates). A request goes out at its due time or, when every connection is still waiting for an answer,
     * as soon as one is free: the achieved rate then falls below the asked one, and the ack times count from the
     * due time, so a slow answer is not hidden by the requests it held back. Sending stops at the end of the window.
     */
    private Sent send(int rate, int seconds) throws Exception {
        long total = (long) rate * seconds;
        long first = sequence;
        sequence += total;
        AtomicLong next = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        List<Long> acks = Collections.synchronizedList(new ArrayList<>());
        URI target = URI.create(services.get(VkladService.ACTIVITY).url());
        long start = System.nanoTime();
        // The window is the window: what could not be sent in it is not sent later.
        long stop = start + Duration.ofSeconds(seconds).toNanos();
        List<Thread> senders = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            Thread sender = new Thread(() -> {
                try (java.net.Socket socket = new java.net.Socket("127.0.0.1", target.getPort())) {
                    socket.setTcpNoDelay(true);
                    var out = new java.io.BufferedOutputStream(socket.getOutputStream());
                    var in = new java.io.BufferedInputStream(socket.getInputStream());
                    for (long i = next.getAndIncrement(); i < total && System.nanoTime() < stop;
                         i = next.getAndIncrement()) {
                        long due = start + (long) (i * 1e9 / rate);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        long index = first + i;
                        sentAt.put(key(index), Math.max(due, System.nanoTime()));
                        byte[] body = body(index).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        out.write(("POST /vk/callback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                                + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        out.write(body);
                        out.flush();
                        if (readResponse(in)) {
                            ok.incrementAndGet();
                            acks.add(System.nanoTime() - due);
                        } else {
                            sentAt.remove(key(index));
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "sender-" + c);
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join();
        }
        long ended = System.nanoTime();
        List<Long> sorted;
        synchronized (acks) {
            sorted = new ArrayList<>(acks);
        }
        Collections.sort(sorted);
        return new Sent(Math.min(total, next.get() - CONNECTIONS), ok.get(), (ended - start) / 1e9,
                percentile(sorted, 0.5), percentile(sorted, 0.99), ended);
    }

    /** Reads one HTTP/1.1 response with a Content-Length; true when it is 200 with the body {@code ok}. */
    private static boolean readResponse(java.io.InputStream in) throws java.io.IOException {
        String status = line(in);
        int length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return status.startsWith("HTTP/1.1 200") && new String(body, java.nio.charset.StandardCharsets.UTF_8)
                .equals("ok");
    }

    private static String line(java.io.InputStream in) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new java.io.EOFException("the connection closed mid-response");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** The like with this index: every member in turn, then the next post, so no pair repeats. */
    private String body(long index) {
        long member = FIRST_MEMBER + index % members;
        long post = 1 + index / members;
        return String.format("{\"type\":\"like_add\",\"event_id\":\"%040x\",\"v\":\"5.199\",\"group_id\":%d,"
                        + "\"secret\":\"%s\",\"object\":{\"liker_id\":%d,\"object_type\":\"post\",\"object_owner_id\":-%d,"
                        + "\"object_id\":%d,\"thread_reply_id\":0,\"post_id\":0}}", 0xE2E0000000L + index, DemoCommunity.ID,
                DemoCommunity.SECRET, member, DemoCommunity.ID, post);
    }

    private CompletableFuture<HttpResponse<String>> callback(long index) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(services.get(VkladService.ACTIVITY).url() + "/vk/callback"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body(index))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String key(long index) {
        return "vk:" + DemoCommunity.ID + ":like:" + (FIRST_MEMBER + index % members) + ":post:-" + DemoCommunity.ID
                + "_" + (1 + index / members);
    }

    /** Receives every ledger event from now on and times the posted entries of the likes sent. */
    private Thread listen(AtomicBoolean listening) throws InterruptedException {
        Object ready = new Object();
        Thread listener = new Thread(() -> {
            Properties config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            try (KafkaConsumer<String, LedgerEvent> events = new KafkaConsumer<>(config, new StringDeserializer(),
                    new LedgerEventDeserializer())) {
                TopicTails.assignAtEnd(events, List.of(Topics.LEDGER_EVENTS));
                synchronized (ready) {
                    ready.notifyAll();
                }
                while (listening.get()) {
                    for (ConsumerRecord<String, LedgerEvent> record : events.poll(Duration.ofMillis(20))) {
                        long now = System.nanoTime();
                        LedgerEvent event = record.value();
                        if (event != null && event.type() == LedgerEvent.Type.ENTRY_POSTED) {
                            Long sent = sentAt.remove(event.idempotencyKey());
                            if (sent != null) {
                                latencies.add(now - sent);
                            }
                        }
                    }
                }
            }
        }, "ledger-events-listener");
        synchronized (ready) {
            listener.start();
            ready.wait(30_000);
        }
        return listener;
    }

    /** Each consumer group's lag: the sum over its partitions of the end offset minus the committed one. */
    private static Map<String, Long> lags(Admin admin) throws Exception {
        Map<String, Long> lags = new java.util.TreeMap<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            long lag = 0;
            for (var entry : committed.entrySet()) {
                if (entry.getValue() != null) {
                    lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
                }
            }
            lags.put(group.groupId(), lag);
        }
        return lags;
    }

    private void report(String phase) throws Exception {
        for (ServiceProcess service : services.values()) {
            ProcessHandle handle = ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
                    .contains(service.name() + "/target/quarkus-app")).findFirst().orElse(null);
            if (handle != null) {
                String status = Files.readString(Path.of("/proc", String.valueOf(handle.pid()), "status"));
                System.out.printf("RESULT memory phase=%s service=%s %s%n", phase, service.name(),
                        String.join(" ", status.lines().filter(l -> l.startsWith("VmRSS") || l.startsWith("VmHWM"))
                                .map(l -> l.replaceAll("\\s+", " ")).toList()));
            }
        }
        String admin = OidcTokens.password(stack.realmUrl(), "hr.admin", "demo-hr-admin");
        HttpResponse<String> check = http.send(HttpRequest.newBuilder(gateway("/api/ledger/check"))
                .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
        System.out.printf("RESULT ledger_check phase=%s status=%d %s%n", phase, check.statusCode(),
                check.body().length() > 300 ? check.body().substring(0, 300) : check.body());
    }

    private URI gateway(String path) {
        return URI.create(services.get(VkladService.GATEWAY).url() + path);
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
