package ru.vklad.ledger.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "vklad.ledger")
public interface LedgerConfig {

    Outbox outbox();

    Holds holds();

    Budgets budgets();

    Redemption redemption();

    interface Redemption {

        /** The smallest number of points a member can redeem at once. */
        @WithDefault("100")
        long minimumPoints();

        /** Roubles per point in the Spasibo program. */
        @WithDefault("0.01")
        java.math.BigDecimal rubPerPoint();
    }

    interface Budgets {

        /** The time zone whose calendar months the budgets are. */
        @WithDefault("Europe/Moscow")
        java.time.ZoneId zone();
    }

    interface Holds {

        /** A held award HR has not decided within this time is rejected, its points returned to issuance. */
        @WithDefault("14d")
        java.time.Duration expireAfter();
    }

    interface Outbox {

        /**
         * The most events the relay reads and publishes in one round: one transaction holds the relay lock and the
         * round's rows until the broker acknowledged them all, so a round stays short. (Through the emitter, which
         * the relay no longer uses, 2,000 exceeded the sink's in-flight limit and left the outbox stuck.)
         */
        @WithDefault("500")
        @jakarta.validation.constraints.Min(1)
        @jakarta.validation.constraints.Max(1000)
        int batchSize();
    }
}
