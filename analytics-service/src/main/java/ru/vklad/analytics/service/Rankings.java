package ru.vklad.analytics.service;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Ranks members already ordered by points descending, then VK id ascending. No I/O. */
public final class Rankings {

    private Rankings() {
    }

    public record Score(long vkUserId, long points) {
    }

    /** A member's place among {@code of} members ranked; equal points share a place. */
    public record Place(@Schema(examples = "51200901") long vkUserId, @Schema(examples = "1") int place,
                        @Schema(examples = "148") int of, @Schema(examples = "1250") long points) {
    }

    public static List<LeaderboardRow> rank(List<Score> ordered) {
        List<LeaderboardRow> rows = new ArrayList<>(ordered.size());
        for (int i = 0; i < ordered.size(); i++) {
            Score score = ordered.get(i);
            Score previous = i == 0 ? null : ordered.get(i - 1);
            if (previous != null && (previous.points() < score.points()
                    || previous.points() == score.points() && previous.vkUserId() > score.vkUserId())) {
                throw new IllegalArgumentException("scores are not ordered at position " + i);
            }
            int rank = previous != null && previous.points() == score.points() ? rows.get(i - 1).rank() : i + 1;
            rows.add(new LeaderboardRow(rank, score.vkUserId(), score.points()));
        }
        return rows;
    }
}
