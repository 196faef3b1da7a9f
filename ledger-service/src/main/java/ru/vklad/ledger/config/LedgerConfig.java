package ru.vklad.ledger.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "vklad.ledger")
public interface LedgerConfig {

    Outbox outbox();

    interface Outbox {

        /** The most events the relay reads and publishes in one round. */
        @WithDefault("500")
        int batchSize();
    }
}
