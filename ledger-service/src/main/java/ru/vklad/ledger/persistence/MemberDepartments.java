package ru.vklad.ledger.persistence;

import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Which department each member belongs to, for departments' budgets; the newest change wins. */
@ApplicationScoped
public class MemberDepartments {

    private final Pool pool;

    public MemberDepartments(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> set(long vkUserId, String department, Instant changedAt) {
        return pool.preparedQuery("""
                        INSERT INTO member_department (vk_user_id, department, changed_at) VALUES ($1, $2, $3)
                        ON CONFLICT (vk_user_id) DO UPDATE SET department = EXCLUDED.department,
                                                               changed_at = EXCLUDED.changed_at
                        WHERE member_department.changed_at <= EXCLUDED.changed_at""")
                .execute(Tuple.of(vkUserId, department, changedAt.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Uni<Void> forget(long vkUserId) {
        return pool.preparedQuery("DELETE FROM member_department WHERE vk_user_id = $1").execute(Tuple.of(vkUserId))
                .replaceWithVoid();
    }
}
