package ru.vklad.activity.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What the service keeps about a member: caps usage, the anti-abuse logs, what they wrote, their award slots. An
 * erased member's traces all go (152-FZ). Their slots can: nothing of a member who no longer consents is processed,
 * and should they come back and old events be replayed, the ledger refuses the awards' repeated idempotency keys.
 */
@ApplicationScoped
public class MemberTraces {

    private static final List<String> FORGET = List.of(
            "DELETE FROM member_rule_usage WHERE member_vk_id = $1",
            "DELETE FROM member_award_log WHERE member_vk_id = $1",
            "DELETE FROM member_takeback_log WHERE member_vk_id = $1",
            "DELETE FROM member_first_award WHERE member_vk_id = $1",
            "DELETE FROM member_quick_like WHERE member_vk_id = $1 OR author_vk_id = $1",
            "DELETE FROM content_author WHERE author_vk_id = $1",
            """
            DELETE FROM award_slot_event e USING award_slot s
            WHERE s.member_vk_id = $1 AND e.community_id = s.community_id AND e.rule_id = s.rule_id
              AND e.subject = s.subject""",
            "DELETE FROM award_slot WHERE member_vk_id = $1");

    private final Pool pool;

    public MemberTraces(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> forget(long vkUserId) {
        return pool.withTransaction(connection -> Multi.createFrom().iterable(FORGET)
                .onItem().transformToUniAndConcatenate(sql -> connection.preparedQuery(sql).execute(Tuple.of(vkUserId)))
                .collect().last().replaceWithVoid());
    }
}
