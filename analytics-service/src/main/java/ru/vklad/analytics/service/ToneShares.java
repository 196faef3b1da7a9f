package ru.vklad.analytics.service;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Comments by tone and each tone's share of them (three decimals; null when there is no comment to share).
 * No I/O.
 */
public record ToneShares(@Schema(examples = "120") long comments, @Schema(examples = "66") long positive,
                         @Schema(examples = "38") long neutral, @Schema(examples = "16") long negative,
                         @Schema(examples = "0.55") Double positiveShare, @Schema(examples = "0.317") Double neutralShare,
                         @Schema(examples = "0.133") Double negativeShare) {

    public static ToneShares of(long positive, long neutral, long negative) {
        long comments = positive + neutral + negative;
        return new ToneShares(comments, positive, neutral, negative, share(positive, comments),
                share(neutral, comments), share(negative, comments));
    }

    public static ToneShares of(Map<CommentTone, Long> counts) {
        return of(counts.getOrDefault(CommentTone.POSITIVE, 0L), counts.getOrDefault(CommentTone.NEUTRAL, 0L),
                counts.getOrDefault(CommentTone.NEGATIVE, 0L));
    }

    private static Double share(long part, long whole) {
        return whole <= 0 ? null : Math.round(part * 1000.0 / whole) / 1000.0;
    }
}
