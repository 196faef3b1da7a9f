package ru.vklad.notification.persistence;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Members' time zones from the members directory, for their quiet hours. */
@ApplicationScoped
public class MemberZones {

    private final Pool pool;

    public MemberZones(Pool pool) {
        this.pool = pool;
    }

    /** Records a member's zone unless a newer change is already known. */
    public Uni<Void> set(long vkUserId, String timeZone, Instant at) {
        return pool.preparedQuery("""
                        INSERT INTO member_zone (vk_user_id, time_zone, changed_at) VALUES ($1, $2, $3)
                        ON CONFLICT (vk_user_id) DO UPDATE SET time_zone = EXCLUDED.time_zone,
                                                               changed_at = EXCLUDED.changed_at
                        WHERE member_zone.changed_at <= EXCLUDED.changed_at""")
                .execute(Tuple.of(vkUserId, timeZone, at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** The known zones of these members (a member with none, or an unreadable one, is absent). */
    public Uni<Map<Long, ZoneId>> zonesOf(Collection<Long> vkUserIds) {
        if (vkUserIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("SELECT vk_user_id, time_zone FROM member_zone WHERE vk_user_id = ANY($1)")
                .execute(Tuple.of(vkUserIds.toArray(new Long[0])))
                .map(rows -> {
                    Map<Long, ZoneId> zones = new HashMap<>();
                    rows.forEach(row -> parse(row.getString(1)).ifPresent(zone -> zones.put(row.getLong(0), zone)));
                    return zones;
                });
    }

    private static Optional<ZoneId> parse(String zone) {
        try {
            return Optional.of(ZoneId.of(zone));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
