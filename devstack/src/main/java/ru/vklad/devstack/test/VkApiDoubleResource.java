package ru.vklad.devstack.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import ru.vklad.devstack.DemoCommunity;
import ru.vklad.devstack.vk.VkApiDouble;

/**
 * Starts the local VK API double for a {@code @QuarkusTest} and points the notification service at it with a token
 * it accepts, so messages go through the real VK SDK. Retries are made fast for tests.
 */
public class VkApiDoubleResource implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "vk-double-community-token";
    public static final Duration COALESCE_WINDOW = Duration.ofSeconds(2);
    private static volatile VkApiDouble vk;

    /** The double of the running test, to arrange VK's side and read what was delivered. */
    public static VkApiDouble vk() {
        return vk;
    }

    @Override
    public Map<String, String> start() {
        try {
            vk = VkApiDouble.start(0).acceptToken(TOKEN, DemoCommunity.ID);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.ofEntries(
                Map.entry("vklad.notify.vk.group-id", String.valueOf(DemoCommunity.ID)),
                Map.entry("vklad.notify.vk.token", TOKEN),
                Map.entry("vklad.notify.vk.api-url", vk.methodUrl().toString()),
                Map.entry("vklad.notify.delivery.poll-interval", "200ms"),
                Map.entry("vklad.notify.delivery.initial-backoff", "200ms"),
                Map.entry("vklad.notify.delivery.max-backoff", "1s"),
                Map.entry("vklad.notify.delivery.max-attempts", "4"),
                Map.entry("vklad.notify.delivery.lease", "5s"),
                Map.entry("vklad.notify.vk.token-recheck", "1s"),
                Map.entry("vklad.notify.coalesce.window", COALESCE_WINDOW.toMillis() + "ms"),
                Map.entry("vklad.notify.quiet-hours.start", "22:00"),
                Map.entry("vklad.notify.quiet-hours.end", "09:00"),
                // Members without a zone of their own live where it is midday now, whenever the tests run.
                Map.entry("vklad.notify.quiet-hours.default-zone", middayZone().getId()));
    }

    /** A zone where it is about 12:00 now. */
    public static ZoneOffset middayZone() {
        return ZoneOffset.ofHours(12 - OffsetDateTime.now(ZoneOffset.UTC).getHour());
    }

    /** A zone where it is about 02:00 now: deep in the quiet hours. */
    public static ZoneOffset nightZone() {
        int hours = 2 - OffsetDateTime.now(ZoneOffset.UTC).getHour();
        return ZoneOffset.ofHours(hours < -12 ? hours + 24 : hours);
    }

    @Override
    public void stop() {
        if (vk != null) {
            vk.close();
            vk = null;
        }
    }
}
