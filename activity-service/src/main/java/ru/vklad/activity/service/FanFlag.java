package ru.vklad.activity.service;

import java.time.Duration;
import java.util.Optional;

/**
 * One member liking nearly everything one other member posts within seconds of its publication: likes traded,
 * not given. Counted over {@code period}: when a member's quick likes (within {@code delay} of publication) of one
 * author reach {@code minLikes} and {@code share} of that author's posts, the like's award is held for HR. No I/O.
 */
public record FanFlag(int minLikes, double share, Duration delay, Duration period) {

    public FanFlag {
        if (minLikes < 1 || share <= 0 || share > 1 || delay.isNegative() || delay.isZero() || period.isNegative()
                || period.isZero()) {
            throw new IllegalArgumentException("a fan check needs minLikes >= 1, a share in (0, 1] and positive "
                    + "durations, got " + minLikes + ", " + share + ", " + delay + ", " + period);
        }
    }

    /**
     * @param quickLikes  the member's quick likes of the author's posts in the period, this one included; 0 when this
     *                    like is not a quick like of a known author's post
     * @param authorPosts the author's posts published in the period
     */
    public Optional<String> reason(int quickLikes, int authorPosts) {
        if (quickLikes < minLikes || authorPosts == 0 || quickLikes < share * authorPosts) {
            return Optional.empty();
        }
        return Optional.of("отметки почти всех публикаций одного автора в первые " + Durations.russian(delay) + ": "
                + quickLikes + " из " + authorPosts + " за " + Durations.russian(period));
    }
}
