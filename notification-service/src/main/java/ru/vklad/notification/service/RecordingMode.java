package ru.vklad.notification.service;

import jakarta.inject.Singleton;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import ru.vklad.notification.config.VkMessagingConfig;

/** No VK token configured: messages are recorded, nothing is sent, the delivery worker has nothing to do. */
@Singleton
public class RecordingMode implements Scheduled.SkipPredicate {

    private final VkMessagingConfig config;

    public RecordingMode(VkMessagingConfig config) {
        this.config = config;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !config.sending();
    }
}
