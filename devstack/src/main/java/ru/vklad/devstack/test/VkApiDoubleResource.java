package ru.vklad.devstack.test;

import java.io.IOException;
import java.io.UncheckedIOException;
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
        return Map.of(
                "vklad.notify.vk.group-id", String.valueOf(DemoCommunity.ID),
                "vklad.notify.vk.token", TOKEN,
                "vklad.notify.vk.api-url", vk.methodUrl().toString(),
                "vklad.notify.delivery.poll-interval", "200ms",
                "vklad.notify.delivery.initial-backoff", "200ms",
                "vklad.notify.delivery.max-backoff", "1s",
                "vklad.notify.delivery.max-attempts", "4",
                "vklad.notify.delivery.lease", "5s");
    }

    @Override
    public void stop() {
        if (vk != null) {
            vk.close();
            vk = null;
        }
    }
}
