package ru.vklad.notification.service;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;

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
        return forMembers(List.of(vkUserId)).map(members -> members.sendableAt(vkUserId, due));
    }

    /** When messages may go to each of these members, their zones read at once. */
    public Uni<Members> forMembers(Collection<Long> vkUserIds) {
        return zones.zonesOf(vkUserIds).map(Members::new);
    }

    /** The quiet hours of a set of members, in their own time zones. */
    public final class Members {

        private final Map<Long, ZoneId> zones;

        private Members(Map<Long, ZoneId> zones) {
            this.zones = zones;
        }

        public Instant sendableAt(long vkUserId, Instant due) {
            return quietHours.sendableAt(due, zones.getOrDefault(vkUserId, config.quietHours().defaultZone()));
        }
    }
}
