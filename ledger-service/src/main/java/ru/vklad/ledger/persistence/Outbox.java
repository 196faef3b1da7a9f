package ru.vklad.ledger.persistence;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.events.LedgerEvent;
import ru.vklad.events.serde.Json;

/** The ledger's transactional outbox of {@code ledger-events}. */
@ApplicationScoped
public class Outbox {

    /** Only one relay at a time, across all replicas, so events leave in the order they were written. */
    private static final long RELAY_LOCK = 0x766b6c6164L;

    private final Pool pool;

    public Outbox(Pool pool) {
        this.pool = pool;
    }

    public record Pending(long id, String key, String payload) {
    }

    /** Adds events, in order, inside the caller's transaction. */
    public Uni<Void> add(SqlClient client, List<LedgerEvent> events) {
        String[] keys = new String[events.size()];
        String[] payloads = new String[events.size()];
        for (int i = 0; i < events.size(); i++) {
            LedgerEvent event = events.get(i);
            keys[i] = String.valueOf(event.memberVkId());
            try {
                payloads[i] = Json.MAPPER.writeValueAsString(event);
            } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(new IllegalStateException("Cannot write " + event, e));
            }
        }
        // WITH ORDINALITY keeps the batch's order in the ids, which is the order the relay publishes in.
        return client.preparedQuery("""
                        INSERT INTO outbox (message_key, payload)
                        SELECT k, p FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS e (k, p, n) ORDER BY n""")
                .execute(Tuple.tuple().addArrayOfString(keys).addArrayOfString(payloads))
                .replaceWithVoid();
    }

    /**
     * Publishes one batch of waiting events with {@code publish} and removes them, all under the relay lock;
     * answers how many were published (0 when another relay holds the lock or nothing is waiting).
     */
    public Uni<Integer> relay(int batchSize, java.util.function.Function<List<Pending>, Uni<Void>> publish) {
        return pool.withTransaction(connection -> connection.preparedQuery("SELECT pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(RELAY_LOCK))
                .chain(locked -> locked.iterator().next().getBoolean(0)
                        ? publishBatch(connection, batchSize, publish)
                        : Uni.createFrom().item(0)));
    }

    private Uni<Integer> publishBatch(SqlConnection connection, int batchSize,
                                      java.util.function.Function<List<Pending>, Uni<Void>> publish) {
        return connection.preparedQuery("""
                        SELECT id, message_key, payload FROM outbox ORDER BY id LIMIT $1""")
                .execute(Tuple.of(batchSize))
                .chain(rows -> {
                    List<Pending> pending = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        pending.add(new Pending(row.getLong("id"), row.getString("message_key"), row.getString("payload")));
                    }
                    if (pending.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    Long[] ids = pending.stream().map(Pending::id).toArray(Long[]::new);
                    return publish.apply(pending)
                            .chain(() -> connection.preparedQuery(
                                            "DELETE FROM outbox WHERE id = ANY($1)")
                                    .execute(Tuple.of(ids)))
                            .replaceWith(pending.size());
                });
    }

    public Uni<Long> unpublished() {
        return pool.query("SELECT count(*) FROM outbox").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }
}
