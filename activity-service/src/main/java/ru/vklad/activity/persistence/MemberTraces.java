package ru.vklad.activity.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What the service keeps about a member's behaviour: caps usage, the anti-abuse logs, what they wrote. An erased
 * member's traces go with them (152-FZ); their award slots stay, so an old event replayed never pays anyone again.
 */
@ApplicationScoped
public class MemberTraces {

    private static final List<String> FORGET = List.of(
            "DELETE FROM member_rule_usage WHERE member_vk_id = $1",
            "DELETE FROM member_award_log WHERE member_vk_id = $1",
            "DELETE FROM member_takeback_log WHERE member_vk_id = $1",
            "DELETE FROM member_first_award WHERE member_vk_id = $1",
            "DELETE FROM member_quick_like WHERE member_vk_id = $1 OR author_vk_id = $1",
            "DELETE FROM content_author WHERE author_vk_id = $1");

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
