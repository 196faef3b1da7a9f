package ru.vklad.activity.service;

import java.util.ArrayList;
import java.util.List;

/**
 * What one award slot (one member's like of one object, one comment, one repost, one poll vote) is owed, derived
 * from the set of distinct VK events seen for it, never from their order: VK delivers out of order, and a
 * {@code like_remove} may come before its {@code like_add}. The ledger is then brought to that state with
 * commands whose idempotency keys are numbered, so whatever the order, the same commands are issued.
 *
 * <ul>
 * <li>{@link Style#ONCE} (repost, poll vote): earned once, never taken back.</li>
 * <li>{@link Style#STICKY} (like): earned once; an unlike takes it back for good, so like → unlike → like again
 * earns once and like/unlike cycling earns nothing.</li>
 * <li>{@link Style#RESTORABLE} (comment): earned once substantive; each deletion takes it back and each
 * restoration gives it again, one award per restoration that follows a deletion.</li>
 * </ul>
 *
 * @param earned      an event that earns was seen (a like, a substantive version of the comment, ...)
 * @param takebacks   distinct events that take it back (unlikes, deletions)
 * @param returns     distinct events that give it back (restorations)
 * @param awarded     awards already issued to the ledger
 * @param reversed    reversals already issued to the ledger
 */
public record AwardSlot(Style style, boolean earned, int takebacks, int returns, int awarded, int reversed) {

    public enum Style {
        ONCE, STICKY, RESTORABLE
    }

    public static AwardSlot empty(Style style) {
        return new AwardSlot(style, false, 0, 0, 0, 0);
    }

    /** Awards the slot is owed in total, whatever the order the events came in. */
    int awardsOwed() {
        if (!earned) {
            return 0;
        }
        return style == Style.RESTORABLE ? 1 + Math.min(returns, takebacks) : 1;
    }

    /** Reversals owed in total; never more than the awards they take back. */
    int reversalsOwed() {
        int owed = switch (style) {
            case ONCE -> 0;
            case STICKY -> takebacks > 0 ? 1 : 0;
            case RESTORABLE -> takebacks;
        };
        return Math.min(owed, awardsOwed());
    }

    /** The commands still to issue, awards first, each numbered from 1: award n is reversed by reversal n. */
    public List<Step> pending() {
        List<Step> steps = new ArrayList<>();
        for (int n = awarded + 1; n <= awardsOwed(); n++) {
            steps.add(new Step(Step.Kind.AWARD, n));
        }
        for (int n = reversed + 1; n <= reversalsOwed(); n++) {
            steps.add(new Step(Step.Kind.REVERSAL, n));
        }
        return steps;
    }

    /** The slot once {@link #pending()} has been issued. */
    public AwardSlot settled() {
        return new AwardSlot(style, earned, takebacks, returns, Math.max(awarded, awardsOwed()),
                Math.max(reversed, reversalsOwed()));
    }

    public record Step(Kind kind, int number) {

        public enum Kind {
            AWARD, REVERSAL
        }

        /** The idempotency key of this step: the first award keeps the slot's own key. */
        public String key(String slotKey) {
            String award = number == 1 ? slotKey : slotKey + ":" + number;
            return kind == Kind.AWARD ? award : award + ":reversal";
        }

        /** For a reversal, the key of the award it takes back. */
        public String reversedKey(String slotKey) {
            return new Step(Kind.AWARD, number).key(slotKey);
        }
    }
}
