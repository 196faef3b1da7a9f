package ru.vklad.notification.persistence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Whether each member may receive community messages; unknown means no. */
@ApplicationScoped
public class Recipients {

    private final Pool pool;

    public Recipients(Pool pool) {
        this.pool = pool;
    }

    /** Records a permission change unless a newer one is already known. */
    public Uni<Void> set(long vkUserId, boolean allowed, Instant at) {
        return pool.preparedQuery("""
                        INSERT INTO recipient (vk_user_id, messages_allowed, changed_at) VALUES ($1, $2, $3)
                        ON CONFLICT (vk_user_id) DO UPDATE SET messages_allowed = EXCLUDED.messages_allowed,
                                                               changed_at = EXCLUDED.changed_at,
                                                               unreachable_since = NULL
                        WHERE recipient.changed_at <= EXCLUDED.changed_at""")
                .execute(Tuple.of(vkUserId, allowed, at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** VK answered 901/902: no more messages until the member allows them again (a newer permission change). */
    public Uni<Void> markUnreachable(long vkUserId) {
        return pool.preparedQuery("UPDATE recipient SET unreachable_since = now() WHERE vk_user_id = $1")
                .execute(Tuple.of(vkUserId))
                .replaceWithVoid();
    }

    /** Allowed community messages, and VK has not told us otherwise since. */
    public Uni<Boolean> allowed(long vkUserId) {
        return allowedAmong(List.of(vkUserId)).map(allowed -> allowed.contains(vkUserId));
    }

    /** Who of these members {@link #allowed} community messages. */
    public Uni<Set<Long>> allowedAmong(Collection<Long> vkUserIds) {
        if (vkUserIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return pool.preparedQuery("""
                        SELECT vk_user_id FROM recipient
                        WHERE vk_user_id = ANY($1) AND messages_allowed AND unreachable_since IS NULL""")
                .execute(Tuple.of(vkUserIds.toArray(new Long[0])))
                .map(rows -> {
                    Set<Long> allowed = new HashSet<>();
                    rows.forEach(row -> allowed.add(row.getLong(0)));
                    return allowed;
                });
    }
}
