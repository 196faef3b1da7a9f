package ru.vklad.notification.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Erasure (a `members` tombstone): everything this service knows about the person goes — time zone, message
 * permission, the bot's copy of their entries and the delivery log of what was sent to them (messages not yet
 * sent are never sent). Deleting in one transaction, so a half-erased member is never left.
 */
@ApplicationScoped
public class MemberErasure {

    private static final String[] TABLES = {"member_zone", "recipient", "member_entry", "delivery_log"};

    private final Pool pool;

    public MemberErasure(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> erase(long vkUserId) {
        return pool.withTransaction(connection -> {
            Uni<Void> deleted = Uni.createFrom().voidItem();
            for (String table : TABLES) {
                deleted = deleted.chain(() -> connection.preparedQuery("DELETE FROM " + table + " WHERE vk_user_id = $1")
                        .execute(Tuple.of(vkUserId)).replaceWithVoid());
            }
            return deleted;
        });
    }
}
