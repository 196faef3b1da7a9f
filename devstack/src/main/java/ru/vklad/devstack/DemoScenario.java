package ru.vklad.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the offline demo does once everything is up: HR registers the demo employees and their consent through the
 * gateway with a real token, VK's sample callbacks are sent to the activity service as real HTTP requests (retries
 * included), and the resulting leaderboard is read back from analytics once the awards went through the ledger.
 */
final class DemoScenario {

    /** Sample callbacks in the order a day in the community produces them. */
    static final List<String> CALLBACKS = List.of(
            "confirmation.json", "wall_post_new.json", "wall_post_new_with_poll.json",
            "wall_post_new_suggest_idea.json", "like_add_post.json", "like_add_post.json",
            "like_add_comment.json", "like_remove_post.json", "wall_reply_new.json", "wall_reply_new_short.json",
            "wall_reply_new_sticker.json", "wall_reply_new_threaded.json", "wall_reply_edit.json",
            "wall_reply_delete.json", "wall_reply_restore.json", "wall_repost.json", "poll_vote_new.json",
            "board_post_new.json", "group_join.json", "group_leave.json", "message_allow.json", "message_new.json",
            "message_deny.json", "unknown_type.json", "bad_secret.json");

    private record DemoMember(long vkUserId, String employeeId, String fullName, String department, boolean consents) {
    }

    /** The people of the samples; Ольга has not consented, so her activity is dropped. */
    private static final List<DemoMember> MEMBERS = List.of(
            new DemoMember(51200901, "E-1001", "Иван Петров", "Продажи", true),
            new DemoMember(51200902, "E-1002", "Мария Соколова", "ИТ", true),
            new DemoMember(51200903, "E-1003", "Алексей Смирнов", "ИТ", true),
            new DemoMember(51200904, "E-1004", "Ольга Кузнецова", "HR", false),
            new DemoMember(51200905, "E-1005", "Дмитрий Волков", "Маркетинг", true),
            new DemoMember(51200906, "E-1006", "Елена Морозова", "Продажи", true),
            new DemoMember(51200777, "E-1007", "Сергей Новиков", "Офис", true));

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    String run(StackEndpoints endpoints, String gatewayUrl, String activityUrl, String analyticsUrl,
               String notificationUrl) throws IOException, InterruptedException {
        String admin = OidcTokens.password(endpoints.realmUrl(), "hr.admin", "demo-hr-admin");
        int consenting = 0;
        for (DemoMember member : MEMBERS) {
            String body = String.format("{\"employeeId\":\"%s\",\"fullName\":\"%s\",\"department\":\"%s\","
                    + "\"audience\":\"employees\"}", member.employeeId(), member.fullName(), member.department());
            put(gatewayUrl + "/api/members/" + member.vkUserId(), admin, body);
            if (member.consents()) {
                put(gatewayUrl + "/api/members/" + member.vkUserId() + "/consent", admin, "{\"given\":true}");
                consenting++;
            }
        }
        // The activity service follows consent from Kafka; give it a moment before VK starts calling.
        Thread.sleep(2000);
        Map<String, Integer> answers = new TreeMap<>();
        for (String sample : CALLBACKS) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(activityUrl + "/vk/callback"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(sample(sample))).build(),
                    HttpResponse.BodyHandlers.ofString());
            String answer = response.statusCode() + " " + (response.statusCode() == 200 ? response.body() : "refused");
            answers.merge(answer, 1, Integer::sum);
        }
        StringBuilder out = new StringBuilder("\nDemo: ").append(MEMBERS.size())
                .append(" employees registered through the gateway as hr.admin, ").append(consenting)
                .append(" with consent; ").append(CALLBACKS.size()).append(" VK callbacks sent to ")
                .append(activityUrl).append("/vk/callback:\n");
        answers.forEach((answer, count) -> out.append(String.format("    %3d × %s%n", count, answer)));
        out.append(leaders(endpoints, analyticsUrl));
        out.append(messages(admin, notificationUrl));
        return out.toString();
    }

    /** What the notification service recorded (no VK token in the demo: recorded, not sent), per member. */
    private String messages(String admin, String notificationUrl) throws IOException, InterruptedException {
        // Likes wait a few seconds to be coalesced into one message: let the pending ones settle first.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && deliveries(admin, notificationUrl).contains("\"PENDING\"")) {
            Thread.sleep(1000);
        }
        StringBuilder out = new StringBuilder("\nMessages to members (recording mode: rendered and logged, not sent):\n");
        int recorded = 0;
        int notAllowed = 0;
        for (DemoMember member : MEMBERS) {
            HttpResponse<String> response = deliveriesOf(member, admin, notificationUrl);
            if (response.statusCode() != 200) {
                continue;
            }
            for (JsonNode delivery : JSON.readTree(response.body())) {
                String status = delivery.path("status").asText();
                if ("RECORDED".equals(status)) {
                    recorded++;
                    out.append(String.format("    → %-18s %s%n", member.fullName(), delivery.path("text").asText()));
                } else if ("NOT_ALLOWED".equals(status)) {
                    notAllowed++;
                }
            }
        }
        return out.append(String.format("    %d recorded; %d not sent because the member has not allowed community "
                + "messages%n", recorded, notAllowed)).toString();
    }

    private String deliveries(String admin, String notificationUrl) throws IOException, InterruptedException {
        StringBuilder all = new StringBuilder();
        for (DemoMember member : MEMBERS) {
            all.append(deliveriesOf(member, admin, notificationUrl).body());
        }
        return all.toString();
    }

    private HttpResponse<String> deliveriesOf(DemoMember member, String admin, String notificationUrl)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(notificationUrl + "/api/notifications/deliveries?vkUserId="
                + member.vkUserId())).header("Authorization", "Bearer " + admin).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Today's leaderboard once the awards have settled through the ledger into analytics. */
    private String leaders(StackEndpoints endpoints, String analyticsUrl) throws IOException, InterruptedException {
        String analyst = OidcTokens.password(endpoints.realmUrl(), "hr.analyst", "demo-hr-analyst");
        String today = LocalDate.now(ZoneId.of("Europe/Moscow")).toString();
        URI uri = URI.create(analyticsUrl + "/api/analytics/leaderboard?from=" + today + "&to=" + today);
        JsonNode rows = null;
        String previous = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + analyst).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                rows = JSON.readTree(response.body()).path("rows");
                if (rows.size() > 0 && rows.toString().equals(previous)) {
                    break;
                }
                previous = rows.toString();
            }
            Thread.sleep(1500);
        }
        StringBuilder out = new StringBuilder("\nLeaders today (points posted to the ledger, from analytics):\n");
        if (rows == null || rows.isEmpty()) {
            return out.append("    nobody yet\n").toString();
        }
        for (JsonNode row : rows) {
            long vkUserId = row.get("vkUserId").asLong();
            String name = MEMBERS.stream().filter(m -> m.vkUserId() == vkUserId).map(DemoMember::fullName)
                    .findFirst().orElse("VK " + vkUserId);
            out.append(String.format("    %2d. %-18s %4d%n", row.get("rank").asInt(), name, row.get("points").asLong()));
        }
        return out.toString();
    }

    private void put(String url, String token, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("PUT " + url + " failed: " + response.statusCode() + " " + response.body());
        }
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
