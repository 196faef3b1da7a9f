package ru.vklad.activity.persistence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The state the callback pipeline keeps: processed VK events, member consent and content authorship. */
@ApplicationScoped
public class ProcessingStore {

    private final Pool pool;

    public ProcessingStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Boolean> isProcessed(long communityId, String eventId) {
        return pool.preparedQuery("SELECT 1 FROM processed_callback WHERE community_id = $1 AND event_id = $2")
                .execute(Tuple.of(communityId, eventId))
                .map(rows -> rows.size() > 0);
    }

    public Uni<Void> markProcessed(long communityId, String eventId) {
        return pool.preparedQuery("""
                        INSERT INTO processed_callback (community_id, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(communityId, eventId))
                .replaceWithVoid();
    }

    public Uni<Boolean> isConsenting(long vkUserId) {
        return pool.preparedQuery("SELECT consent_given FROM member_consent WHERE vk_user_id = $1")
                .execute(Tuple.of(vkUserId))
                .map(rows -> rows.size() > 0 && rows.iterator().next().getBoolean(0));
    }

    /** Who wrote a post or comment, and when it was published (the anti-abuse fan check reads it). */
    public Uni<Void> rememberAuthor(long communityId, String objectKey, long authorVkId, Instant publishedAt) {
        return pool.preparedQuery("""
                        INSERT INTO content_author (community_id, object_key, author_vk_id, published_at)
                        VALUES ($1, $2, $3, $4)
                        ON CONFLICT (community_id, object_key) DO UPDATE
                        SET published_at = coalesce(content_author.published_at, EXCLUDED.published_at)""")
                .execute(Tuple.of(communityId, objectKey, authorVkId, publishedAt.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    public Uni<Optional<Long>> authorOf(long communityId, String objectKey) {
        return pool.preparedQuery("SELECT author_vk_id FROM content_author WHERE community_id = $1 AND object_key = $2")
                .execute(Tuple.of(communityId, objectKey))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong(0)));
    }
}
