package ru.vklad.analytics.service;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the week's most active member: the most points earned from VK activity in the ISO week (manual awards
 * do not count), among consenting members who did not win in the fairness window. Ties go to the member active
 * on more days of the week, then to the lower VK user id, so every replica and every rerun picks the same one.
 * No I/O.
 */
public final class WeeklyMostActive {

    /** A member's week: points from activity, days with any, and whether they consent to being tracked. */
    public record Candidate(long vkUserId, long activityPoints, int activeDays, boolean consenting) {
    }

    static final Comparator<Candidate> ORDER = Comparator.comparingLong(Candidate::activityPoints).reversed()
            .thenComparing(Comparator.comparingInt(Candidate::activeDays).reversed())
            .thenComparingLong(Candidate::vkUserId);

    private WeeklyMostActive() {
    }

    /** @param recentWinners who won in the fairness window before this week */
    public static Optional<Candidate> pick(Collection<Candidate> week, Set<Long> recentWinners) {
        return week.stream()
                .filter(candidate -> candidate.activityPoints() > 0 && candidate.consenting()
                        && !recentWinners.contains(candidate.vkUserId()))
                .min(ORDER);
    }
}
