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

    RankingIndex rankingIndex();

    Rollups rollups();

    Survey survey();

    Comments comments();

    Erasure erasure();

    /** What analytics keeps of an erased member: nothing that names them, and a way to recognise their events. */
    interface Erasure {

        /**
         * The key of the hash under which erased members are remembered (HMAC-SHA256 of the VK id), so their events
         * that arrive late or are replayed in a rebuild count under their anonymous id. Without it nothing is
         * remembered and a rebuild counts an erased member's events under their VK id again (docs/analytics.md).
         * From a Secret; a hash without a secret key could be reversed by trying every VK id.
         */
        java.util.Optional<String> key();
    }

    /** Comment tone and key topics. */
    interface Comments {

        /** How long a comment's text is kept (then only its counts by tone and term stay). */
        @WithDefault("30d")
        java.time.Duration keepText();

        /** How often texts past their time are removed; read by the job's schedule. */
        @WithDefault("1h")
        java.time.Duration purgeEvery();

        /** How many earlier periods of the same length key topics are ranked against (TF-IDF). */
        @WithDefault("4")
        int earlierPeriods();

        /** A term used by fewer comments in the period is no topic (noise, and one person's words). */
        @WithDefault("2")
        int topicMinComments();

        /** How many key topics a report lists at most. */
        @WithDefault("10")
        int topics();
    }

    /**
     * The recent days' points of every member, held in memory by each replica and kept exact, so the leaderboard and
     * a member's place in any range are summed from arrays rather than from every member's rows.
     */
    interface RankingIndex {

        /**
         * How many days back from today are held; 0 holds none (every ranking is read from the tables). A quarter and
         * the month before it by default: about 14 bytes of heap per member with points on a day (bench/README).
         */
        @WithDefault("120")
        int days();

        /**
         * How long the log of changed member days is kept (and never before its changes are in the weekly and monthly
         * rollups); a replica that fell further behind reloads.
         */
        @WithDefault("1h")
        java.time.Duration changeRetention();

        /** How often a replica catches up unasked (a ranking catches up first too); read by the job's schedule. */
        @WithDefault("5s")
        java.time.Duration refreshEvery();
    }

    /** Points per member and ISO week or month, folded in behind the ingest from the log of daily changes. */
    interface Rollups {

        /**
         * How often the member days changed since the last fold are folded in unasked (a ranking read from the
         * rollups folds first); read by the job's schedule.
         */
        @WithDefault("10s")
        java.time.Duration foldEvery();
    }

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
