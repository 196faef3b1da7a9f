package ru.vklad.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class DemoWeekTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant END = Instant.parse("2026-11-29T15:00:00Z");

    private static DemoWeek week() {
        return new DemoWeek(2026, DemoScenario.WEEK_PEOPLE, DemoCommunity.ID, DemoCommunity.SECRET, END);
    }

    private static List<JsonNode> parsed(List<DemoWeek.Callback> callbacks) {
        return callbacks.stream().map(callback -> {
            try {
                return JSON.readTree(callback.body());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void theSameSeedAndEndGiveTheSameWeek() {
        assertEquals(week().callbacks(), week().callbacks());
        assertEquals(week().members(), week().members());
    }

    @Test
    void theWeekHasEveryKindOfLifeTheDemoShows() {
        DemoWeek week = week();
        List<JsonNode> events = parsed(week.callbacks());
        Map<String, Long> types = events.stream().collect(Collectors.groupingBy(e -> e.path("type").asText(),
                Collectors.counting()));

        for (String type : List.of("wall_post_new", "like_add", "like_remove", "wall_reply_new", "wall_reply_delete",
                "wall_repost", "poll_vote_new", "message_allow")) {
            assertTrue(types.getOrDefault(type, 0L) > 0, type + " in " + types);
        }
        assertTrue(events.stream().anyMatch(e -> e.path("object").path("text").asText().startsWith("#идея")));
        List<String> comments = events.stream().filter(e -> e.path("type").asText().equals("wall_reply_new"))
                .map(e -> e.path("object").path("text").asText()).toList();
        assertTrue(comments.stream().anyMatch(text -> letters(text) >= 20), "substantive comments");
        assertTrue(comments.stream().anyMatch(text -> letters(text) < 20), "empty comments");
        assertTrue(week.members().stream().map(DemoWeek.Member::department).distinct().count() >= 5);
        assertTrue(week.members().stream().anyMatch(member -> !member.consents()));
        assertTrue(events.stream().allMatch(e -> e.path("group_id").asLong() == DemoCommunity.ID
                && e.path("secret").asText().equals(DemoCommunity.SECRET)));
        assertTrue(events.stream().filter(e -> e.path("object").has("date"))
                .allMatch(e -> e.path("object").path("date").asLong() <= END.getEpochSecond()), "nothing after the end");
    }

    @Test
    void hrIsTooSmallForItsEnpsToBeShownAndTheOthersAreNot() {
        DemoWeek week = week();
        Map<Long, String> departments = week.members().stream().filter(DemoWeek.Member::consents)
                .collect(Collectors.toMap(DemoWeek.Member::vkUserId, DemoWeek.Member::department));
        Map<String, Long> voters = parsed(week.callbacks().stream().filter(c -> !c.retry()).toList()).stream()
                .filter(e -> e.path("type").asText().equals("poll_vote_new"))
                .map(e -> departments.get(e.path("object").path("user_id").asLong())).filter(d -> d != null)
                .collect(Collectors.groupingBy(d -> d, Collectors.counting()));

        assertTrue(voters.getOrDefault("HR", 0L) < 5, "HR voters: " + voters);
        DemoWeek.DEPARTMENTS.stream().filter(d -> !d.equals("HR"))
                .forEach(d -> assertTrue(voters.getOrDefault(d, 0L) >= 5, d + " voters: " + voters));
    }

    @Test
    void retriesRepeatAnEarlierDeliveryExactly() {
        List<DemoWeek.Callback> callbacks = week().callbacks();
        Map<String, String> first = new HashMap<>();
        int retries = 0;
        for (DemoWeek.Callback callback : callbacks) {
            if (callback.retry()) {
                retries++;
                assertEquals(first.get(callback.eventId()), callback.body(), "a retry repeats an earlier delivery");
            } else {
                assertEquals(null, first.put(callback.eventId(), callback.body()), "event ids are unique");
            }
        }
        assertTrue(retries > 20, retries + " retries");
    }

    @Test
    void onlyTheLikeFarmerReachesTheAntiAbuseThresholds() {
        // The activity service holds 20 actions within a minute (likes count when they arrive, so all at once in the
        // demo), 5 likes taken back within 10 minutes and over 40 awards in a member's first 3 days.
        DemoWeek week = week();
        Map<Long, Integer> actions = new HashMap<>();
        Map<Long, Integer> takebacks = new HashMap<>();
        for (JsonNode event : parsed(week.callbacks().stream().filter(c -> !c.retry()).toList())) {
            JsonNode object = event.path("object");
            String type = event.path("type").asText();
            long who = object.has("liker_id") ? object.path("liker_id").asLong() : object.has("user_id")
                    ? object.path("user_id").asLong() : object.path("from_id").asLong();
            if (who > 0 && !type.equals("message_allow")) { // the community's own posts are not a person's
                actions.merge(who, 1, Integer::sum);
            }
            if (type.equals("like_remove")) {
                takebacks.merge(who, 1, Integer::sum);
            }
        }
        long farmer = week.likeFarmer().vkUserId();
        assertTrue(actions.get(farmer) >= 20 && takebacks.get(farmer) >= 5, "the farmer is flagged");
        Set<Long> flagged = new HashSet<>();
        actions.forEach((who, count) -> {
            if (who != farmer && (count >= 20 || takebacks.getOrDefault(who, 0) >= 5)) {
                flagged.add(who);
            }
        });
        assertEquals(Set.of(), flagged);
    }

    @Test
    void aWeekNeedsPeople() {
        assertThrows(IllegalArgumentException.class, () -> new DemoWeek(1, 5, DemoCommunity.ID, "s", END));
    }

    private static long letters(String text) {
        return text.codePoints().filter(Character::isLetter).count();
    }
}
