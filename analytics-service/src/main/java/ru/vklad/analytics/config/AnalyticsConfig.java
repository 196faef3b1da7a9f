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

    WeeklyAward weeklyAward();

    Survey survey();

    interface Survey {

        /** A group (a department, or everyone) with fewer respondents is not shown, to protect anonymity. */
        @WithDefault("5")
        int minimumRespondents();
    }

    /** The weekly "most active" award. */
    interface WeeklyAward {

        /** Points of the award (the catalogue's weekly_most_active rule). */
        @WithDefault("500")
        long points();

        /** The version of the weekly_most_active rule the award is made under. */
        @WithDefault("1")
        int ruleVersion();

        /** A winner cannot win again in this many following weeks. */
        @WithDefault("4")
        int fairnessWeeks();

        /** When the previous week is awarded (Quartz cron, in {@link #zone()}); read by the job's schedule. */
        @WithDefault("0 0 9 ? * MON")
        String cron();

        /** How often an award the broker did not take is sent again; read by the job's schedule. */
        @WithDefault("1m")
        java.time.Duration resendEvery();
    }
}
