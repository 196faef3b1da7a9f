package ru.vklad.analytics.config;

import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "vklad.analytics")
public interface AnalyticsConfig {

    /** The company's time zone: days, weeks and months of every report are counted in it. */
    @WithDefault("Europe/Moscow")
    ZoneId zone();

    /** The most rows a leaderboard returns. */
    @WithDefault("100")
    int maxLeaderboardSize();
}
