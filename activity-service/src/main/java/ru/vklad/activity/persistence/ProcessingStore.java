package ru.vklad.activity.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.events.VkCallbackReceived;

/**
 * The state the callback pipeline keeps: processed VK events, member consent and content authorship. A poll of
 * callbacks is processed in one transaction ({@link #inTransaction}); the reads that do not depend on the poll's own
 * writes take the whole poll in one statement.
 */
@ApplicationScoped
public class ProcessingStore {

    private final Pool pool;

    public ProcessingStore(Pool pool) {
        this.pool = pool;
    }

    public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work);
    }

    /** The callbacks among these whose VK event was processed before, as {@link #eventKey}s. */
    public Uni<Set<String>> processedAmong(SqlClient client, List<VkCallbackReceived> callbacks) {
        return client.preparedQuery("""
                        SELECT p.community_id, p.event_id FROM processed_callback p
                        JOIN unnest($1::bigint[], $2::text[]) AS polled(community_id, event_id)
                          ON p.community_id = polled.community_id AND p.event_id = polled.event_id""")
                .execute(Tuple.of(communityIds(callbacks), eventIds(callbacks)))
                .map(rows -> {
                    Set<String> processed = new HashSet<>();
                    for (Row row : rows) {
                        processed.add(eventKey(row.getLong(0), row.getString(1)));
                    }
                    return processed;
                });
    }

    public Uni<Void> markProcessed(SqlClient client, List<VkCallbackReceived> callbacks) {
        if (callbacks.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("""
                        INSERT INTO processed_callback (community_id, event_id)
                        SELECT * FROM unnest($1::bigint[], $2::text[]) ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(communityIds(callbacks), eventIds(callbacks)))
                .replaceWithVoid();
    }

    /** Who of these VK users are members who consent. */
    public Uni<Set<Long>> consenting(SqlClient client, Collection<Long> vkUserIds) {
        if (vkUserIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return client.preparedQuery("SELECT vk_user_id FROM member_consent WHERE vk_user_id = ANY($1) AND consent_given")
                .execute(Tuple.of(vkUserIds.toArray(new Long[0])))
                .map(rows -> {
                    Set<Long> consenting = new HashSet<>();
                    for (Row row : rows) {
                        consenting.add(row.getLong(0));
                    }
                    return consenting;
                });
    }

    /** Who wrote each of these posts and comments, as far as the pipeline has seen them published. */
    public Uni<ContentAuthors> contentAuthors(SqlClient client, Collection<ContentAuthors.Content> contents) {
        if (contents.isEmpty()) {
            return Uni.createFrom().item(new ContentAuthors(Map.of()));
        }
        List<ContentAuthors.Content> asked = List.copyOf(contents);
        return client.preparedQuery("""
                        SELECT c.community_id, c.object_key, c.author_vk_id FROM content_author c
                        JOIN unnest($1::bigint[], $2::text[]) AS asked(community_id, object_key)
                          ON c.community_id = asked.community_id AND c.object_key = asked.object_key""")
                .execute(Tuple.of(asked.stream().map(ContentAuthors.Content::communityId).toArray(Long[]::new),
                        asked.stream().map(ContentAuthors.Content::objectKey).toArray(String[]::new)))
                .map(rows -> {
                    Map<ContentAuthors.Content, Long> authors = new HashMap<>();
                    for (Row row : rows) {
                        authors.put(new ContentAuthors.Content(row.getLong(0), row.getString(1)), row.getLong(2));
                    }
                    return new ContentAuthors(authors);
                });
    }

    /** Who wrote a post or comment, and when it was published. */
    public record Authorship(ContentAuthors.Content content, long authorVkId, Instant publishedAt) {
    }

    /**
     * Records who wrote these posts and comments, and when they were published (the anti-abuse fan check reads it),
     * in the table and in the poll's {@code authors}, in one statement; the first author recorded for a piece of
     * content stays. Rows are written in key order, so two polls naming the same content cannot deadlock.
     */
    public Uni<Void> rememberAuthors(SqlClient client, ContentAuthors authors, List<Authorship> authorships) {
        Map<ContentAuthors.Content, Authorship> first = new TreeMap<>(Comparator
                .comparingLong(ContentAuthors.Content::communityId).thenComparing(ContentAuthors.Content::objectKey));
        authorships.forEach(authorship -> first.putIfAbsent(authorship.content(), authorship));
        if (first.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Collection<Authorship> rows = first.values();
        return client.preparedQuery("""
                        INSERT INTO content_author (community_id, object_key, author_vk_id, published_at)
                        SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::timestamptz[])
                        ON CONFLICT (community_id, object_key) DO UPDATE
                        SET published_at = coalesce(content_author.published_at, EXCLUDED.published_at)""")
                .execute(Tuple.of(rows.stream().map(row -> row.content().communityId()).toArray(Long[]::new),
                        rows.stream().map(row -> row.content().objectKey()).toArray(String[]::new),
                        rows.stream().map(Authorship::authorVkId).toArray(Long[]::new),
                        rows.stream().map(row -> row.publishedAt().atOffset(ZoneOffset.UTC))
                                .toArray(OffsetDateTime[]::new)))
                .invoke(() -> authorships.forEach(row -> authors.recorded(row.content(), row.authorVkId())))
                .replaceWithVoid();
    }

    /** One VK event's identity: its community and VK's event id. */
    public static String eventKey(long communityId, String eventId) {
        return communityId + "/" + eventId;
    }

    private static Long[] communityIds(List<VkCallbackReceived> callbacks) {
        return callbacks.stream().map(VkCallbackReceived::communityId).toArray(Long[]::new);
    }

    private static String[] eventIds(List<VkCallbackReceived> callbacks) {
        return callbacks.stream().map(VkCallbackReceived::eventId).toArray(String[]::new);
    }
}
