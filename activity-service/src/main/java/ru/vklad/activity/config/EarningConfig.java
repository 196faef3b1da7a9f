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
