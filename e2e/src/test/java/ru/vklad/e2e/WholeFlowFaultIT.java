package ru.vklad.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import ru.vklad.devstack.DemoCommunity;
import ru.vklad.devstack.Directories;
import ru.vklad.devstack.KafkaServer;
import ru.vklad.devstack.Leftovers;
import ru.vklad.devstack.Ports;
import ru.vklad.devstack.PostgresServer;
import ru.vklad.devstack.StackEndpoints;
import ru.vklad.devstack.VkladService;
import ru.vklad.devstack.test.KeycloakTokens;
import ru.vklad.devstack.test.SharedStack;
import ru.vklad.devstack.vk.VkApiDouble;
import ru.vklad.events.MemberChanged;
import ru.vklad.events.Topics;
import ru.vklad.events.serde.JsonSerializer;

/**
 * The whole product keeps its books while its parts fail. A stream of like and unlike callbacks (VK's retries
 * among them) is sent at a fixed pace, as VK does, each retried until the activity service answers {@code ok};
 * meanwhile Kafka and then PostgreSQL are restarted, and each service in turn is killed with SIGKILL and started
 * again. Afterwards every acknowledged callback was processed, each member's balance is what the distinct events
 * add up to, the points each member was told in VK add up to the same (nothing told twice, nothing lost),
 * analytics agree, and the ledger's own check passes. Then the analytics read models are rebuilt from the topics
 * by the documented procedure ({@link AnalyticsRebuild}) and HR reads the same as before.
 * <p>
 * Its own Kafka and PostgreSQL (they are restarted), the build's Keycloak. Size and pace:
 * {@code -Dvklad.fault.callbacks} (default 3,000) and {@code -Dvklad.fault.rate} (callbacks a second, default 30);
 * larger runs and their results are in bench/README.md ("Fault suite").
 */
class WholeFlowFaultIT {

    private static final int CALLBACKS = Integer.getInteger("vklad.fault.callbacks", 3_000);
    private static final int RATE = Integer.getInteger("vklad.fault.rate", 30);
    /** About twenty likes each: under the new-member (40 in 3 days) and burst (20 a minute) anti-abuse checks. */
    private static final int MEMBERS = Math.max(50, CALLBACKS / 20);
    private static final long FIRST_MEMBER = 78_000_001L;
    private static final String VK_TOKEN = "fault-community-token";
    private static final Pattern CREDITED = Pattern.compile("^Спасибо! \\+(\\d+) ");
    private static final Pattern DEBITED = Pattern.compile("^Списано (\\d+) ");

    private final Path project = Path.of(System.getProperty("vklad.project.dir", "..")).toAbsolutePath().normalize();
    private final Path work = project.resolve("e2e/target/fault");

    @Test
    void killedServicesAndRestartedKafkaAndPostgresLoseNothingAndPayNothingTwice() throws Exception {
        Leftovers.kill(work);
        Directories.deleteRecursively(work);
        KafkaServer kafka = new KafkaServer(Ports.free(), Ports.free(), work.resolve("kafka"),
                work.resolve("kafka.log"), Leftovers.marker(work));
        int postgresPort = Ports.free();
        PostgresServer postgres = new PostgresServer(postgresPort, work.resolve("pg-data"), work.resolve("pg.log"));
        try (VkApiDouble vk = VkApiDouble.start(0).acceptToken(VK_TOKEN, DemoCommunity.ID)) {
            kafka.start();
            postgres.start();
            StackEndpoints stack = new StackEndpoints(kafka.bootstrapServers(), "127.0.0.1", postgresPort,
                    PostgresServer.USER, PostgresServer.PASSWORD, SharedStack.endpoints().keycloakUrl());
            try (Product product = Product.start(stack, vk, VK_TOKEN, work.resolve("services"))) {
                Sender sender = new Sender(product.url(VkladService.ACTIVITY));
                registerMembers(stack, vk, sender);

                CallbackStream stream = CallbackStream.generate(CALLBACKS, MEMBERS);
                Instant began = Instant.now();
                int before = sender.acknowledged();
                sender.sendPaced(stream.callbacks(), RATE);
                List<String> faults = new ArrayList<>();
                // Each fault once the stream is that far along, so that each falls while callbacks are flowing.
                int total = stream.callbacks().size();
                sender.awaitAcknowledged(before + total / 10);
                kafka.restart();
                faults.add(progress(began, "Kafka restarted at callback " + (sender.acknowledged() - before)));
                sender.awaitAcknowledged(before + total * 2 / 10);
                postgres.restart();
                faults.add(progress(began, "PostgreSQL restarted at callback " + (sender.acknowledged() - before)));
                int tenths = 3;
                for (VkladService service : new VkladService[] {VkladService.ACTIVITY, VkladService.LEDGER,
                        VkladService.NOTIFICATION, VkladService.ANALYTICS, VkladService.GATEWAY}) {
                    sender.awaitAcknowledged(before + total * tenths++ / 10);
                    product.service(service).kill();
                    product.service(service).start();
                    faults.add(progress(began, service.module() + " killed with SIGKILL and started again at callback "
                            + (sender.acknowledged() - before)));
                }

                sender.awaitAllAcknowledged(Duration.ofSeconds(Math.max(600, CALLBACKS / 15)));
                System.out.printf("RESULT fault callbacks=%d members=%d sent_seconds=%.1f retries=%d faults=%s%n",
                        stream.callbacks().size(), MEMBERS, Duration.between(began, Instant.now()).toMillis() / 1e3,
                        sender.retries(), faults);

                assertEverythingAccountedFor(stack, product, vk, stream);
                System.out.printf("RESULT fault settled_seconds=%.1f%n",
                        Duration.between(began, Instant.now()).toMillis() / 1e3);

                // The history those faults left in the topics (redeliveries, retried polls) rebuilds the same
                // read models, by the documented procedure.
                Map<String, String> views = analyticsViews(product);
                Instant rebuilding = Instant.now();
                AnalyticsRebuild.run(stack, product.service(VkladService.ANALYTICS), project);
                assertAnalyticsAgree(product, stream);
                assertThat(analyticsViews(product)).isEqualTo(views);
                System.out.printf("RESULT fault analytics_rebuilt_seconds=%.1f%n",
                        Duration.between(rebuilding, Instant.now()).toMillis() / 1e3);
            }
        } finally {
            postgres.stop();
            kafka.stop();
        }
    }

    private void assertEverythingAccountedFor(StackEndpoints stack, Product product, VkApiDouble vk, CallbackStream stream)
            throws Exception {
        // The pipeline drains a few dozen callbacks a second on a small machine: a large stream needs its time.
        Duration settle = Duration.ofSeconds(Math.max(600, CALLBACKS / 15));
        await("every acknowledged callback processed").atMost(settle).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(processed(stack, stream.eventIds()))
                        .isEqualTo(stream.eventIds().size()));
        await("ledger balances").atMost(settle).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            String token = hrAdmin();
            assertThat(mismatches(stream.expectedPoints(), member -> given().auth().oauth2(token)
                    .get(product.url(VkladService.GATEWAY) + "/api/ledger/members/" + member + "/balance")
                    .then().statusCode(200).extract().jsonPath().getLong("available"))).isEmpty();
        });
        await("ledger check").atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(given().auth()
                .oauth2(hrAdmin()).get(product.url(VkladService.LEDGER) + "/api/ledger/check").then().statusCode(200)
                .extract().jsonPath().getBoolean("ok")).isTrue());
        await("points told in VK").atMost(settle).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(mismatches(stream.expectedPoints(), member -> told(vk, member)))
                        .isEmpty());
        assertAnalyticsAgree(product, stream);
        // Nothing arrives late: the points told stay what they were.
        // One reading of 5,000 members takes seconds: the bound leaves room for a few.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(
                mismatches(stream.expectedPoints(), member -> told(vk, member))).isEmpty());
    }

    private static void assertAnalyticsAgree(Product product, CallbackStream stream) {
        await("analytics").atMost(Duration.ofSeconds(Math.max(600, CALLBACKS / 15))).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    String token = hrAdmin();
                    assertThat(mismatches(stream.expectedPoints(), member -> given().auth().oauth2(token)
                            .queryParam("from", yesterday()).queryParam("to", tomorrow())
                            .get(product.url(VkladService.GATEWAY) + "/api/analytics/members/" + member + "/points")
                            .then().statusCode(200).extract().jsonPath().getLong("points"))).isEmpty();
                });
    }

    /** What HR reads of departments, actions and posts around today, as the gateway answers it. */
    private static Map<String, String> analyticsViews(Product product) {
        String token = hrAdmin();
        Map<String, String> views = new HashMap<>();
        for (String view : List.of("departments", "actions", "posts")) {
            views.put(view, given().auth().oauth2(token).queryParam("from", yesterday()).queryParam("to", tomorrow())
                    .get(product.url(VkladService.GATEWAY) + "/api/analytics/" + view).then().statusCode(200)
                    .extract().asString());
        }
        return views;
    }

    private static String yesterday() {
        return LocalDate.now(ZoneId.of("Europe/Moscow")).minusDays(1).toString();
    }

    private static String tomorrow() {
        return LocalDate.now(ZoneId.of("Europe/Moscow")).plusDays(1).toString();
    }

    /** Notes a fault as it happens, so a long run's log shows how far it got. */
    private static String progress(Instant began, String fault) {
        System.out.printf("FAULT %s after %d s%n", fault, Duration.between(began, Instant.now()).toSeconds());
        return fault;
    }

    /** A fresh token for each poll: settling may take longer than a token lives. */
    private static String hrAdmin() {
        return KeycloakTokens.accessToken("hr.admin", "demo-hr-admin");
    }

    /** What the member was told in VK: credited points minus points taken back, over every delivered message. */
    private static long told(VkApiDouble vk, long member) {
        long sum = 0;
        for (VkApiDouble.SentMessage message : vk.messagesTo(member)) {
            Matcher credited = CREDITED.matcher(message.text());
            Matcher debited = DEBITED.matcher(message.text());
            if (credited.find()) {
                sum += Long.parseLong(credited.group(1));
            } else if (debited.find()) {
                sum -= Long.parseLong(debited.group(1));
            }
        }
        return sum;
    }

    private interface Reading {
        long of(long member) throws Exception;
    }

    /** Members whose figure differs from the expected one, with both; the first twenty. */
    private static Map<Long, String> mismatches(Map<Long, Long> expected, Reading actual) throws Exception {
        Map<Long, String> wrong = new HashMap<>();
        for (Map.Entry<Long, Long> member : expected.entrySet()) {
            long value = actual.of(member.getKey());
            if (value != member.getValue()) {
                wrong.put(member.getKey(), "expected " + member.getValue() + ", was " + value);
                if (wrong.size() == 20) {
                    break;
                }
            }
        }
        return wrong;
    }

    private static int processed(StackEndpoints stack, Set<String> eventIds) throws Exception {
        return count(stack, VkladService.ACTIVITY,
                "SELECT count(*) FROM processed_callback WHERE community_id = ? AND event_id = ANY (?)", (c, q) -> {
                    q.setLong(1, DemoCommunity.ID);
                    q.setArray(2, c.createArrayOf("text", eventIds.toArray()));
                });
    }

    /**
     * The consenting members, as the gateway publishes them on {@code members}, each allowing community messages
     * in VK; the stream starts once every service knows them.
     */
    private static void registerMembers(StackEndpoints stack, VkApiDouble vk, Sender sender) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, Object> kafka = new KafkaProducer<>(config, new StringSerializer(),
                new JsonSerializer<>())) {
            for (int i = 0; i < MEMBERS; i++) {
                long member = FIRST_MEMBER + i;
                kafka.send(new ProducerRecord<>(Topics.MEMBERS, String.valueOf(member), new MemberChanged(member,
                        "F-" + i, "Сотрудник " + i, "Отдел " + (1 + i % 7), "employees", "Europe/Moscow", true, "v1",
                        Instant.now())));
            }
        }
        // The permissions go through the activity pipeline, a few dozen a second: thousands take minutes.
        Duration known = Duration.ofSeconds(Math.max(120, MEMBERS / 10));
        await("consent known to the activity service").atMost(known)
                .until(() -> count(stack, VkladService.ACTIVITY, "SELECT count(*) FROM member_consent "
                        + "WHERE vk_user_id BETWEEN ? AND ? AND consent_given") == MEMBERS);
        List<String> allows = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            vk.allowMessages(FIRST_MEMBER + i);
            allows.add(CallbackStream.event("message_allow", "allow-" + i,
                    "{\"user_id\":" + (FIRST_MEMBER + i) + ",\"key\":\"spasibo-optin\"}"));
        }
        sender.sendPaced(allows, 200);
        sender.awaitAllAcknowledged(known);
        await("messages allowed in the notification service").atMost(known)
                .until(() -> count(stack, VkladService.NOTIFICATION, "SELECT count(*) FROM recipient "
                        + "WHERE vk_user_id BETWEEN ? AND ? AND messages_allowed") == MEMBERS);
    }

    /** How many rows of the members' range a count over one service's database finds. */
    private static int count(StackEndpoints stack, VkladService service, String sql) throws Exception {
        return count(stack, service, sql, (c, q) -> {
            q.setLong(1, FIRST_MEMBER);
            q.setLong(2, FIRST_MEMBER + MEMBERS - 1);
        });
    }

    private static int count(StackEndpoints stack, VkladService service, String sql, Parameters parameters)
            throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(service.database()), stack.postgresUser(),
                stack.postgresPassword());
             PreparedStatement q = c.prepareStatement(sql)) {
            parameters.set(c, q);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Sets a query's parameters (the connection makes arrays). */
    @FunctionalInterface
    private interface Parameters {
        void set(Connection connection, PreparedStatement query) throws SQLException;
    }

    /**
     * The callbacks, and what the distinct events among them are worth to each member: one point for each
     * (member, post) pair liked and never unliked. Some members unlike an earlier post (at most twice, under the
     * cycling check); some callbacks are sent again later, as VK retries an event it thinks was not received.
     */
    private record CallbackStream(List<String> callbacks, Set<String> eventIds, Map<Long, Long> expectedPoints) {

        static final String EVENT_PREFIX = "fault-";

        static CallbackStream generate(int size, int members) {
            java.util.Random random = new java.util.Random(42);
            List<String> callbacks = new ArrayList<>();
            Set<String> eventIds = new java.util.HashSet<>();
            Map<Long, Long> points = new HashMap<>();
            Map<Long, Integer> unlikes = new HashMap<>();
            for (int i = 0; callbacks.size() < size; i++) {
                long member = FIRST_MEMBER + i % members;
                long post = 1 + i / members;
                callbacks.add(like("like_add", "a" + i, member, post));
                eventIds.add(EVENT_PREFIX + "a" + i);
                points.merge(member, 1L, Long::sum);
                if (post > 1 && random.nextInt(100) < 3 && unlikes.getOrDefault(member, 0) < 2) {
                    unlikes.merge(member, 1, Integer::sum);
                    callbacks.add(like("like_remove", "r" + i, member, post - 1));
                    eventIds.add(EVENT_PREFIX + "r" + i);
                    points.merge(member, -1L, Long::sum);
                }
                if (random.nextInt(100) < 5) {
                    callbacks.add(callbacks.get(random.nextInt(callbacks.size())));
                }
            }
            return new CallbackStream(callbacks, eventIds, points);
        }

        private static String like(String type, String eventId, long member, long post) {
            return event(type, eventId, "{\"liker_id\":" + member + ",\"object_type\":\"post\",\"object_owner_id\":-"
                    + DemoCommunity.ID + ",\"object_id\":" + post + ",\"thread_reply_id\":0,\"post_id\":0}");
        }

        static String event(String type, String eventId, String object) {
            return "{\"type\":\"" + type + "\",\"event_id\":\"" + EVENT_PREFIX + eventId
                    + "\",\"v\":\"5.199\",\"group_id\":" + DemoCommunity.ID + ",\"secret\":\"" + DemoCommunity.SECRET
                    + "\",\"object\":" + object + "}";
        }
    }

    /**
     * Sends callbacks as VK does: each at its time whatever happened to the ones before, and again after a second
     * when it was not answered {@code ok} within ten seconds (refused, timed out, 5xx), until it is. Like VK, it keeps
     * a bounded number of requests open to the server; the rest wait their turn (without a bound, the HTTP/1.1
     * client opened a connection per waiting callback: ~19,000 to a restarting service at 100 callbacks/s, past its
     * open-files limit).
     */
    private static final class Sender {

        private static final int IN_FLIGHT = 256;

        private final URI endpoint;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
        private final Queue<String> waiting = new ConcurrentLinkedQueue<>();
        private final AtomicInteger outstanding = new AtomicInteger();
        private final AtomicInteger acknowledged = new AtomicInteger();
        private final AtomicInteger retries = new AtomicInteger();

        Sender(String activityUrl) {
            this.endpoint = URI.create(activityUrl + "/vk/callback");
        }

        void sendPaced(List<String> bodies, int rate) {
            long periodNanos = 1_000_000_000L / rate;
            for (int i = 0; i < bodies.size(); i++) {
                String body = bodies.get(i);
                outstanding.incrementAndGet();
                timer.schedule(() -> send(body), i * periodNanos, TimeUnit.NANOSECONDS);
            }
        }

        private void send(String body) {
            waiting.add(body);
            pump();
        }

        /** Sends waiting callbacks while fewer than {@link #IN_FLIGHT} requests are open. */
        private void pump() {
            while (!waiting.isEmpty() && inFlight.tryAcquire()) {
                String body = waiting.poll();
                if (body == null) {
                    inFlight.release();
                    return;
                }
                http.sendAsync(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString())
                        .whenComplete((response, failure) -> {
                            inFlight.release();
                            if (failure == null && response.statusCode() == 200 && "ok".equals(response.body())) {
                                acknowledged.incrementAndGet();
                                outstanding.decrementAndGet();
                            } else {
                                retries.incrementAndGet();
                                timer.schedule(() -> send(body), 1, TimeUnit.SECONDS);
                            }
                            pump();
                        });
            }
        }

        int acknowledged() {
            return acknowledged.get();
        }

        int retries() {
            return retries.get();
        }

        void awaitAcknowledged(int count) {
            await().atMost(Duration.ofSeconds(Math.max(600, CALLBACKS / RATE))).pollInterval(Duration.ofMillis(100))
                    .until(() -> acknowledged.get() >= count);
        }

        void awaitAllAcknowledged(Duration timeout) {
            await("every callback acknowledged").atMost(timeout).pollInterval(Duration.ofMillis(500))
                    .until(() -> outstanding.get() == 0);
        }
    }
}
