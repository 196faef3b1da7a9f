package ru.vklad.activity.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "vklad.rules")
public interface EarningConfig {

    /** Letters a comment needs, links, mentions, hashtags, emoji and stickers left out, to count as substantive. */
    @WithDefault("20")
    int substantiveCommentMinLetters();

    /** The company's time zone: caps count its days and ISO weeks. */
    @WithDefault("Europe/Moscow")
    ZoneId zone();

    Abuse abuse();

    /** Anti-abuse thresholds: a flagged award is held for HR, with the reason, not dropped. */
    interface Abuse {

        /** A member's awards within {@link #burstWindow()} at which the next one is held. */
        @WithDefault("20")
        int burstActions();

        @WithDefault("60s")
        Duration burstWindow();

        /** Likes a member takes back within {@link #cyclingWindow()} at which their next award is held. */
        @WithDefault("5")
        int cyclingTakebacks();

        @WithDefault("10m")
        Duration cyclingWindow();

        /** Awards within {@link #newMemberPeriod()} of a member's first at which the next one is held. */
        @WithDefault("40")
        int newMemberAwards();

        @WithDefault("3d")
        Duration newMemberPeriod();

        /**
         * A member's likes given within {@link #fanDelay()} of one author's posts, over {@link #fanPeriod()}, at
         * which (and at {@link #fanShare()} of that author's posts) the next such like's award is held.
         */
        @WithDefault("5")
        int fanLikes();

        @WithDefault("0.8")
        double fanShare();

        @WithDefault("10s")
        Duration fanDelay();

        @WithDefault("30d")
        Duration fanPeriod();
    }

    /** Caps and cooldown per rule id; a rule without an entry is not limited. */
    Map<String, Limits> limits();

    interface Limits {

        int perDay();

        int perWeek();

        @WithDefault("0s")
        Duration cooldown();
    }
}
