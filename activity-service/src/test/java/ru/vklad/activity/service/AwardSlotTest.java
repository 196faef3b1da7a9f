package ru.vklad.activity.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import ru.vklad.activity.service.AwardSlot.Step;

class AwardSlotTest {

    private static final String KEY = "vk:1:like:7:post:-1_5";

    @Test
    void likeUnlikeLikeAgainEarnsOnceAndIsTakenBackOnce() {
        List<String> issued = play(AwardSlot.Style.STICKY, List.of("earn:e1", "takeback:e2", "earn:e3"));
        assertThat(issued).containsExactly(KEY, KEY + ":reversal");
    }

    @Test
    void unlikeBeforeItsLikeEndsTheSame() {
        assertThat(play(AwardSlot.Style.STICKY, List.of("takeback:e2", "earn:e1")))
                .containsExactly(KEY, KEY + ":reversal");
        assertThat(play(AwardSlot.Style.STICKY, List.of("takeback:e2"))).as("nothing to take back").isEmpty();
    }

    @Test
    void commentDeletedRestoredDeletedRestoredEndsAwardedWithTwoAwardsAndOneReversalPerDeletion() {
        List<String> issued = play(AwardSlot.Style.RESTORABLE,
                List.of("earn:e1", "takeback:d1", "return:r1", "takeback:d2", "return:r2"));
        assertThat(issued).containsExactly(KEY, KEY + ":reversal", KEY + ":2", KEY + ":2:reversal", KEY + ":3");
        assertThat(net(issued)).isEqualTo(1);
    }

    @Test
    void onceStyleIsNeverTakenBack() {
        assertThat(play(AwardSlot.Style.ONCE, List.of("earn:e1", "takeback:e2", "earn:e3"))).containsExactly(KEY);
    }

    /**
     * The property: any shuffle of a clean stream, with any event delivered several times, issues exactly the
     * commands the clean stream issues, and the member never holds more than one award's worth at the end.
     */
    @RepeatedTest(200)
    void shuffledDuplicatedStreamsIssueWhatTheCleanStreamIssues() {
        Random random = new Random();
        AwardSlot.Style style = AwardSlot.Style.values()[random.nextInt(3)];
        List<String> clean = cleanStream(style, random);
        List<String> messy = new ArrayList<>();
        for (String event : clean) {
            int copies = 1 + (random.nextInt(4) == 0 ? random.nextInt(4) : 0);
            for (int i = 0; i < copies; i++) {
                messy.add(event);
            }
        }
        Collections.shuffle(messy, random);

        Set<String> expected = new HashSet<>(play(style, clean));
        Set<String> actual = new HashSet<>(play(style, messy));
        assertThat(actual).as(style + " clean " + clean + " messy " + messy).isEqualTo(expected);
        assertThat(net(play(style, messy))).isBetween(0, 1);
    }

    /** A realistic ordered stream: an earning event, then alternating take-backs and returns. */
    private static List<String> cleanStream(AwardSlot.Style style, Random random) {
        List<String> events = new ArrayList<>();
        events.add("earn:e0");
        int changes = random.nextInt(6);
        for (int i = 1; i <= changes; i++) {
            boolean takeBack = i % 2 == 1;
            events.add(takeBack ? "takeback:t" + i : (style == AwardSlot.Style.RESTORABLE ? "return:r" + i : "earn:e" + i));
        }
        return events;
    }

    /** Applies events as the service does: each distinct event once, issuing what the slot then owes. */
    private static List<String> play(AwardSlot.Style style, List<String> events) {
        Set<String> seen = new LinkedHashSet<>();
        AwardSlot slot = AwardSlot.empty(style);
        List<String> issued = new ArrayList<>();
        for (String event : events) {
            if (!seen.add(event)) {
                continue;
            }
            String kind = event.substring(0, event.indexOf(':'));
            slot = new AwardSlot(style, slot.earned() || kind.equals("earn"),
                    slot.takebacks() + (kind.equals("takeback") ? 1 : 0),
                    slot.returns() + (kind.equals("return") ? 1 : 0), slot.awarded(), slot.reversed());
            for (Step step : slot.pending()) {
                issued.add(step.key(KEY));
            }
            slot = slot.settled();
        }
        return issued;
    }

    private static int net(List<String> issued) {
        return (int) (issued.stream().filter(k -> !k.endsWith(":reversal")).count()
                - issued.stream().filter(k -> k.endsWith(":reversal")).count());
    }
}
