package ru.vklad.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the offline demo does once everything is up: HR registers the demo employees and their consent through the
 * gateway with a real token and designates the eNPS poll; VK's sample callbacks (a wrong secret and an unknown type
 * among them), then a generated week of the community's life ({@link DemoWeek}, VK's retries included), are sent to
 * the activity service as real HTTP requests; once the awards went through the ledger, what HR and the employees
 * see is read back through the gateway: the week's leaders, departments, eNPS, awards held for HR, ideas waiting,
 * and the messages the notification service recorded.
 */
public final class DemoScenario {

    /** Sample callbacks in the order a day in the community produces them. */
    static final List<String> CALLBACKS = List.of(
            "confirmation.json", "wall_post_new.json", "wall_post_new_with_poll.json",
            "wall_post_new_suggest_idea.json", "like_add_post.json", "like_add_post.json",
            "like_add_comment.json", "like_remove_post.json", "wall_reply_new.json", "wall_reply_new_short.json",
            "wall_reply_new_sticker.json", "wall_reply_new_threaded.json", "wall_reply_edit.json",
            "wall_reply_delete.json", "wall_reply_restore.json", "wall_repost.json", "poll_vote_new.json",
            "board_post_new.json", "group_join.json", "group_leave.json", "message_allow.json", "message_new.json",
            "message_deny.json", "unknown_type.json", "bad_secret.json");

    /** The people of the samples; Ольга has not consented, so her activity is dropped. */
    private static final List<DemoWeek.Member> SAMPLE_MEMBERS = List.of(
            new DemoWeek.Member(51200901, "E-1001", "Иван Петров", "Продажи", true, true),
            new DemoWeek.Member(51200902, "E-1002", "Мария Соколова", "ИТ", true, true),
            new DemoWeek.Member(51200903, "E-1003", "Алексей Смирнов", "ИТ", true, true),
            new DemoWeek.Member(51200904, "E-1004", "Ольга Кузнецова", "HR", false, true),
            new DemoWeek.Member(51200905, "E-1005", "Дмитрий Волков", "Маркетинг", true, true),
            new DemoWeek.Member(51200906, "E-1006", "Елена Морозова", "Продажи", true, true),
            new DemoWeek.Member(51200777, "E-1007", "Сергей Новиков", "Офис", true, true));

    /** People in the generated week. */
    public static final int WEEK_PEOPLE = 240;
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final String POLL = "-" + DemoCommunity.ID + "_" + DemoWeek.ENPS_POLL;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PrintStream console;
    private final StackEndpoints endpoints;
    private final String gatewayUrl;
    private final String activityUrl;
    private final DemoWeek week;
    private final Map<Long, DemoWeek.Member> people = new HashMap<>();

    public DemoScenario(PrintStream console, StackEndpoints endpoints, String gatewayUrl, String activityUrl) {
        this.console = console;
        this.endpoints = endpoints;
        this.gatewayUrl = gatewayUrl;
        this.activityUrl = activityUrl;
        this.week = new DemoWeek(2026, WEEK_PEOPLE, DemoCommunity.ID, DemoCommunity.SECRET, Instant.now());
        SAMPLE_MEMBERS.forEach(member -> people.put(member.vkUserId(), member));
        week.members().forEach(member -> people.put(member.vkUserId(), member));
    }

    /** Plays the demo, printing its progress and then what it shows. */
    public void run() throws IOException, InterruptedException {
        String admin = OidcTokens.password(endpoints.realmUrl(), "hr.admin", "demo-hr-admin");
        int consenting = 0;
        for (DemoWeek.Member member : people.values()) {
            String body = String.format("{\"employeeId\":\"%s\",\"fullName\":\"%s\",\"department\":\"%s\","
                    + "\"audience\":\"employees\"}", member.employeeId(), member.fullName(), member.department());
            send("PUT", "/api/members/" + member.vkUserId(), admin, body);
            if (member.consents()) {
                send("PUT", "/api/members/" + member.vkUserId() + "/consent", admin, "{\"given\":true}");
                consenting++;
            }
        }
        StringBuilder options = new StringBuilder();
        for (int score = 0; score <= 10; score++) {
            options.append(score == 0 ? "" : ",").append("{\"optionId\":").append(DemoWeek.ENPS_FIRST_OPTION + score)
                    .append(",\"score\":").append(score).append('}');
        }
        send("PUT", "/api/analytics/surveys/" + POLL, admin,
                "{\"kind\":\"ENPS\",\"title\":\"eNPS демо-недели\",\"options\":[" + options + "]}");
        console.printf("%nDemo: %d employees registered through the gateway as hr.admin, %d of them consenting; "
                + "poll %s designated as eNPS.%n", people.size(), consenting, POLL);
        // The activity service follows consent from Kafka; give it a moment before VK starts calling.
        Thread.sleep(3000);

        List<String> bodies = new ArrayList<>();
        for (String sample : CALLBACKS) {
            bodies.add(sample(sample));
        }
        List<DemoWeek.Callback> generated = week.callbacks();
        generated.forEach(callback -> bodies.add(callback.body()));
        long retries = generated.stream().filter(DemoWeek.Callback::retry).count();
        console.printf("Sending %d VK sample callbacks and a generated week of the community (%d callbacks, %d of "
                + "them VK's retries; a like farmer among %d people) to %s/vk/callback%n", CALLBACKS.size(),
                generated.size(), retries, WEEK_PEOPLE, activityUrl);
        Map<String, Integer> answers = new TreeMap<>();
        long began = System.nanoTime();
        for (int i = 0; i < bodies.size(); i++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(activityUrl + "/vk/callback"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i))).build(),
                    HttpResponse.BodyHandlers.ofString());
            String answer = response.statusCode() + " " + (response.statusCode() == 200 ? response.body() : "refused");
            answers.merge(answer, 1, Integer::sum);
            if ((i + 1) % 250 == 0 || i + 1 == bodies.size()) {
                console.printf("  sent %,d of %,d (%d%%)%n", i + 1, bodies.size(), (i + 1) * 100 / bodies.size());
            }
        }
        console.printf("Answers of the activity service in %.1f s:%n", (System.nanoTime() - began) / 1e9);
        answers.forEach((answer, count) -> console.printf("    %,5d × %s%n", count, answer));

        String analyst = OidcTokens.password(endpoints.realmUrl(), "hr.analyst", "demo-hr-analyst");
        LocalDate today = LocalDate.now(MOSCOW);
        String period = "from=" + today.minusDays(6) + "&to=" + today;
        JsonNode leaders = settled(analyst, "/api/analytics/leaderboard?limit=10&" + period);
        console.printf("%nLeaders of the week %s … %s (points posted to the ledger, from analytics):%n",
                today.minusDays(6), today);
        for (JsonNode row : leaders.path("rows")) {
            DemoWeek.Member member = people.get(row.path("vkUserId").asLong());
            console.printf("    %2d. %-24s %-10s %4d%n", row.path("rank").asInt(),
                    member == null ? "VK " + row.path("vkUserId").asLong() : member.fullName(),
                    member == null ? "" : member.department(), row.path("points").asLong());
        }
        departments(analyst, period);
        enps(analyst);
        held(admin);
        ideas(admin);
        messages(admin);
    }

    private void departments(String analyst, String period) throws IOException, InterruptedException {
        console.printf("%nDepartments this week:%n    %-12s %8s %7s %14s %7s %11s%n", "department", "members",
                "active", "participation", "points", "per capita");
        for (JsonNode row : get(analyst, "/api/analytics/departments?" + period).path("departments")) {
            console.printf("    %-12s %8d %7d %13.0f%% %7d %11.1f%n",
                    row.path("department").isNull() ? "(none)" : row.path("department").asText(),
                    row.path("members").asLong(), row.path("activeMembers").asLong(),
                    row.path("participationRate").asDouble() * 100, row.path("points").asLong(),
                    row.path("pointsPerCapita").asDouble());
        }
    }

    private void enps(String analyst) throws IOException, InterruptedException {
        JsonNode survey = get(analyst, "/api/analytics/surveys/" + POLL);
        JsonNode result = survey.path("result");
        console.printf("%neNPS (poll %s; groups under %d respondents, and any group whose answers subtracting would "
                + "reveal them, not shown):%n", POLL,
                survey.path("minimumRespondents").asInt());
        List<JsonNode> groups = new ArrayList<>();
        groups.add(result.path("overall"));
        result.path("departments").forEach(groups::add);
        for (JsonNode group : groups) {
            String name = group.path("department").isMissingNode() || group.path("department").isNull() ? "overall"
                    : group.path("department").asText();
            JsonNode nps = group.path("nps");
            console.printf(group.path("shown").asBoolean()
                    ? String.format("    %-12s %+6.1f  (%d answers: %d promoters, %d passives, %d detractors)%n", name,
                    nps.path("score").asDouble(), nps.path("respondents").asInt(), nps.path("promoters").asInt(),
                    nps.path("passives").asInt(), nps.path("detractors").asInt())
                    : String.format("    %-12s not shown, to keep answers anonymous%n", name));
        }
    }

    private void held(String admin) throws IOException, InterruptedException {
        JsonNode holds = get(admin, "/api/ledger/holds?limit=1000");
        Map<Long, List<JsonNode>> byMember = new TreeMap<>();
        holds.forEach(hold -> byMember.computeIfAbsent(hold.path("memberVkId").asLong(), id -> new ArrayList<>())
                .add(hold));
        console.printf("%nAwards held for HR (anti-abuse): %d%n", holds.size());
        byMember.forEach((vkUserId, list) -> {
            DemoWeek.Member member = people.get(vkUserId);
            console.printf("    %-24s %d award(s), e.g. «%s»%n", member == null ? "VK " + vkUserId : member.fullName(),
                    list.size(), list.get(0).path("reason").asText());
        });
        console.printf("    decide them: POST %s/api/holds/decisions (Swagger UI: %s/q/swagger-ui)%n", gatewayUrl,
                gatewayUrl);
    }

    private void ideas(String admin) throws IOException, InterruptedException {
        JsonNode ideas = get(admin, "/api/ideas?status=PENDING");
        console.printf("%nIdeas waiting for HR: %d%n", ideas.size());
        ideas.forEach(idea -> console.printf("    %s: %s%n", idea.path("id").asText(), idea.path("text").asText()));
        console.printf("    approve one: POST %s/api/ideas/{id}/approve {\"points\": 75}%n", gatewayUrl);
    }

    /** What the notification service recorded (no VK token in the demo: recorded, not sent). */
    private void messages(String admin) throws IOException, InterruptedException {
        Map<String, Integer> byStatus = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        // Likes wait a few seconds to be coalesced into one message: let the pending ones settle first.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            byStatus.clear();
            examples.clear();
            for (DemoWeek.Member member : people.values()) {
                for (JsonNode delivery : get(admin, "/api/notifications/deliveries?vkUserId=" + member.vkUserId())) {
                    String status = delivery.path("status").asText();
                    byStatus.merge(status, 1, Integer::sum);
                    if ("RECORDED".equals(status) && examples.size() < 6 && member.vkUserId() % 3 == 0) {
                        examples.add(String.format("    → %-24s %s", member.fullName(), delivery.path("text").asText()));
                    }
                }
            }
            if (!byStatus.containsKey("PENDING")) {
                break;
            }
            Thread.sleep(2000);
        } while (System.nanoTime() < deadline);
        console.printf("%nMessages to members (recording mode: rendered and logged, not sent): %s%n",
                byStatus.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
        examples.forEach(console::println);
        console.println("    COALESCED: a like told in one message with the member's other likes; NOT_ALLOWED: the member "
                + "has not allowed community messages");
    }

    /** A query through the gateway, read again until two answers in a row agree (the pipeline has settled). */
    private JsonNode settled(String token, String path) throws IOException, InterruptedException {
        JsonNode previous = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode now = get(token, path);
            if (now.path("rows").size() > 0 && now.equals(previous) || System.nanoTime() > deadline) {
                return now;
            }
            previous = now;
            Thread.sleep(3000);
        }
    }

    private JsonNode get(String token, String path) throws IOException, InterruptedException {
        return JSON.readTree(send("GET", path, token, null));
    }

    private String send(String method, String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + " failed: " + response.statusCode() + " "
                    + response.body());
        }
        return response.body();
    }

    static String sample(String name) throws IOException {
        try (InputStream in = DemoScenario.class.getResourceAsStream("/vk/callbacks/" + name)) {
            if (in == null) {
                throw new IOException("Sample callback " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
