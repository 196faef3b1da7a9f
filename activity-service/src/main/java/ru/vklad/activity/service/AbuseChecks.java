package ru.vklad.activity.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The anti-abuse checks run before a slot's first award: flag, don't drop. A flagged award goes to the ledger as a
 * HOLD whose reason names every check that fired; HR approves or rejects it. No I/O.
 */
public record AbuseChecks(BurstFlag burst, CyclingFlag cycling, NewMemberFlag newMember, FanFlag fan) {

    /**
     * What the checks read about the member, as of the action.
     *
     * @param quickLikesOfAuthor for a like within seconds of a post's publication, the member's such likes of that
     *                           author's posts in the fan check's period (this one included); otherwise 0
     * @param authorPosts        that author's posts in the period
     */
    public record MemberHistory(int awardsInBurstWindow, int takebacksInCyclingWindow, Instant firstAwardAt,
                                int awardsSinceFirst, int quickLikesOfAuthor, int authorPosts) {

        public MemberHistory(int awardsInBurstWindow, int takebacksInCyclingWindow, Instant firstAwardAt,
                             int awardsSinceFirst) {
            this(awardsInBurstWindow, takebacksInCyclingWindow, firstAwardAt, awardsSinceFirst, 0, 0);
        }
    }

    /**
     * Why an award is held.
     *
     * @param flags  the checks that fired, as metric tags: {@code burst}, {@code cycling}, {@code new_member},
     *               {@code fan}
     * @param reason what HR reads, each check's reason joined by "; "
     */
    public record Suspicion(List<String> flags, String reason) {
    }

    public Optional<Suspicion> assess(MemberHistory history, Instant at) {
        List<String> flags = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        burst.reason(history.awardsInBurstWindow()).ifPresent(r -> add(flags, reasons, "burst", r));
        cycling.reason(history.takebacksInCyclingWindow()).ifPresent(r -> add(flags, reasons, "cycling", r));
        newMember.reason(history.firstAwardAt(), history.awardsSinceFirst(), at)
                .ifPresent(r -> add(flags, reasons, "new_member", r));
        fan.reason(history.quickLikesOfAuthor(), history.authorPosts()).ifPresent(r -> add(flags, reasons, "fan", r));
        return flags.isEmpty() ? Optional.empty()
                : Optional.of(new Suspicion(List.copyOf(flags), String.join("; ", reasons)));
    }

    private static void add(List<String> flags, List<String> reasons, String flag, String reason) {
        flags.add(flag);
        reasons.add(reason);
    }
}
