package ru.vklad.notification.config;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How award messages reach members through the VK API. Without a token, messages are only recorded. */
@ConfigMapping(prefix = "vklad.notify")
public interface VkMessagingConfig {

    Vk vk();

    Delivery delivery();

    Coalesce coalesce();

    QuietHoursConfig quietHours();

    interface Coalesce {

        /** How long a like's award message waits for more likes of the member before they go as one; 0 turns it off. */
        @WithDefault("60s")
        Duration window();
    }

    interface QuietHoursConfig {

        /** Members' local time from which no message is sent (messages wait, they are not dropped). */
        @WithDefault("22:00")
        LocalTime start();

        @WithDefault("09:00")
        LocalTime end();

        /** Time zone of members whose own is not known. */
        @WithDefault("Europe/Moscow")
        ZoneId defaultZone();
    }

    interface Vk {

        /** The community that writes to members: its group id. */
        Optional<Long> groupId();

        /** The community's access token (a Kubernetes Secret); absent → recording mode. */
        Optional<String> token();

        /** VK's method endpoint; tests and the offline demo point it at the local VK API double. */
        @WithDefault("https://api.vk.com/method/")
        URI apiUrl();

        /** Calls per second allowed for the community token (VK allows about 20); 0 turns the limiter off. */
        @WithDefault("20")
        int requestsPerSecond();

        @WithDefault("10s")
        Duration timeout();

        /** After VK rejected the token (error 5), how long sending stays halted before the token is tried again. */
        @WithDefault("5m")
        Duration tokenRecheck();
    }

    interface Delivery {

        /** Messages taken per round; each round is one claim in the database. */
        @WithDefault("50")
        int batchSize();

        /** Attempts before a notification is given up and sent to the dead-letter topic. */
        @WithDefault("6")
        int maxAttempts();

        /** Wait after the first failed attempt; doubled after each further one, up to {@link #maxBackoff()}. */
        @WithDefault("2s")
        Duration initialBackoff();

        @WithDefault("5m")
        Duration maxBackoff();

        /** How often due notifications are looked for (the bot's answers wait at most this long). */
        @WithDefault("500ms")
        Duration pollInterval();

        /** How long a claimed batch is reserved for one replica; a crashed replica's claim expires after it. */
        @WithDefault("60s")
        Duration lease();
    }

    default boolean sending() {
        return vk().token().filter(t -> !t.isBlank()).isPresent() && vk().groupId().isPresent();
    }
}
