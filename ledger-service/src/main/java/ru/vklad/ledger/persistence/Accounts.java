package ru.vklad.ledger.persistence;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Account ids by code. An account, once created, never changes or goes away, so its id is cached for the life of
 * the process and the hot path looks up only accounts it has never seen.
 */
@ApplicationScoped
public class Accounts {

    private final Pool pool;
    private final ConcurrentMap<String, Long> ids = new ConcurrentHashMap<>();

    public Accounts(Pool pool) {
        this.pool = pool;
    }

    /**
     * The ids of these accounts, opening the ones that do not exist yet. Opening commits on its own: an account
     * with no postings is harmless, and a cached id must never name a row a rolled-back transaction took away.
     */
    public Uni<Map<String, Long>> ids(Collection<String> codes) {
        List<String> unknown = codes.stream().filter(code -> !ids.containsKey(code)).distinct().sorted().toList();
        if (unknown.isEmpty()) {
            return Uni.createFrom().item(known(codes));
        }
        String[] array = unknown.toArray(String[]::new);
        return pool.preparedQuery("""
                        INSERT INTO account (code, kind)
                        SELECT code, CASE WHEN code LIKE 'member:%' THEN 'member' ELSE 'system' END
                        FROM unnest($1::text[]) AS code ORDER BY code
                        ON CONFLICT (code) DO NOTHING""")
                .execute(Tuple.of(array))
                .chain(() -> pool.preparedQuery("SELECT id, code FROM account WHERE code = ANY($1)")
                        .execute(Tuple.of(array)))
                .map(rows -> {
                    for (Row row : rows) {
                        ids.put(row.getString("code"), row.getLong("id"));
                    }
                    return known(codes);
                });
    }

    /** Forgets cached ids of accounts whose codes changed (an erased member's). */
    public void forget(Collection<String> codes) {
        codes.forEach(ids::remove);
    }

    private Map<String, Long> known(Collection<String> codes) {
        Map<String, Long> found = new HashMap<>();
        for (String code : codes) {
            found.put(code, ids.get(code));
        }
        return found;
    }
}
