package ru.vklad.notification.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import ru.vklad.notification.config.VkMessagingConfig;
import ru.vklad.notification.persistence.MemberZones;

/** When a message due at some moment may go to a member: outside their quiet hours, in their own time zone. */
@ApplicationScoped
public class SendSchedule {

    private final MemberZones zones;
    private final QuietHours quietHours;
    private final VkMessagingConfig config;

    public SendSchedule(MemberZones zones, VkMessagingConfig config) {
        this.zones = zones;
        this.config = config;
        this.quietHours = new QuietHours(config.quietHours().start(), config.quietHours().end());
    }

    public Uni<Instant> sendableAt(long vkUserId, Instant due) {
        return zones.zoneOf(vkUserId).map(zone ->
                quietHours.sendableAt(due, zone.orElse(config.quietHours().defaultZone())));
    }
}
