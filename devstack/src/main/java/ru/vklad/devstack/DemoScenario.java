package ru.vklad.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the offline demo does once everything is up: HR registers the demo employees through the gateway with a
 * real token, then VK's sample callbacks are sent to the activity service as real HTTP requests, retries included.
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

    private record DemoMember(long vkUserId, String employeeId, String fullName, String department) {
    }

    private static final List<DemoMember> MEMBERS = List.of(
            new DemoMember(51200901, "E-1001", "Иван Петров", "Продажи"),
            new DemoMember(51200902, "E-1002", "Мария Соколова", "ИТ"),
            new DemoMember(51200903, "E-1003", "Алексей Смирнов", "ИТ"),
            new DemoMember(51200904, "E-1004", "Ольга Кузнецова", "HR"));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    String run(StackEndpoints endpoints, String gatewayUrl, String activityUrl) throws IOException, InterruptedException {
        String token = OidcTokens.password(endpoints.realmUrl(), "hr.admin", "demo-hr-admin");
        int registered = 0;
        for (DemoMember member : MEMBERS) {
            String body = String.format("{\"employeeId\":\"%s\",\"fullName\":\"%s\",\"department\":\"%s\","
                    + "\"audience\":\"employees\"}", member.employeeId(), member.fullName(), member.department());
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                    URI.create(gatewayUrl + "/api/members/" + member.vkUserId()))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Registering " + member.fullName() + " failed: "
                        + response.statusCode() + " " + response.body());
            }
            registered++;
        }
        Map<String, Integer> answers = new TreeMap<>();
        for (String sample : CALLBACKS) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(activityUrl + "/vk/callback"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(sample(sample))).build(),
                    HttpResponse.BodyHandlers.ofString());
            String answer = response.statusCode() + " " + (response.statusCode() == 200 ? response.body() : "refused");
            answers.merge(answer, 1, Integer::sum);
        }
        StringBuilder out = new StringBuilder("\nDemo: ")
                .append(registered).append(" employees registered through the gateway as hr.admin; ")
                .append(CALLBACKS.size()).append(" VK callbacks sent to ").append(activityUrl).append("/vk/callback:\n");
        answers.forEach((answer, count) -> out.append(String.format("    %3d × %s%n", count, answer)));
        return out.toString();
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
