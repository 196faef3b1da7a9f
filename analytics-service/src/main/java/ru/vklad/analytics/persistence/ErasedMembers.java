package ru.vklad.analytics.persistence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.analytics.config.AnalyticsConfig;

/**
 * The members erased so far, each as a keyed hash of the VK id with the anonymous id their numbers went to, so that
 * their events arriving late or replayed in a rebuild count under that id and never under their own. Nothing here
 * names anyone without the key, which is not kept in the database.
 */
@ApplicationScoped
public class ErasedMembers {

    private static final Logger LOG = Logger.getLogger(ErasedMembers.class);
    private static final String ALGORITHM = "HmacSHA256";

    /**
     * The advisory lock between polls and erasures. A poll looks its members up here, then writes under the ids it
     * found; an erasure moves a member's rows. Each poll holds this lock shared from before its lookup to its
     * commit, and an erasure holds it alone: an erasure waits for the polls in flight to commit, then moves what they
     * wrote too, and a poll that starts while it runs waits and then finds it.
     */
    private static final long POLLS_AND_ERASURES = 0x766b_6c61_6445_7261L;

    /** An erased member: the anonymous id, and the company day of the erasure (later events are someone new). */
    private record Erased(long surrogate, LocalDate erasedOn) {
    }

    /** The erased members among a poll's members. */
    public static final class Found {

        private static final Found NONE = new Found(Map.of());

        private final Map<Long, Erased> erased;

        private Found(Map<Long, Erased> erased) {
            this.erased = erased;
        }

        /**
         * The id to count an event of this member and company day under: an erased member's anonymous id for their
         * events of up to the erasure (late, or replayed in a rebuild), else their own.
         */
        public long idOf(long vkUserId, LocalDate day) {
            Erased member = erased.get(vkUserId);
            return member == null || day.isAfter(member.erasedOn()) ? vkUserId : member.surrogate();
        }
    }

    private final Optional<SecretKeySpec> key;

    public ErasedMembers(AnalyticsConfig config) {
        this.key = config.erasure().key().filter(k -> !k.isBlank())
                .map(k -> new SecretKeySpec(k.getBytes(StandardCharsets.UTF_8), ALGORITHM));
    }

    void warnWithoutKey(@Observes StartupEvent started) {
        if (key.isEmpty()) {
            LOG.warn("vklad.analytics.erasure.key is not set: erased members are not remembered, so their events, "
                    + "if replayed (a rebuild from the topics) or late, count under their VK id again");
        }
    }

    /**
     * Remembers an erasure, within its transaction and before the member leaves the directory (their department is
     * kept with the anonymous id their rows move to). An erasure again (a tombstone replayed) moves what is left to
     * its new anonymous id, and their events of up to today go there too.
     */
    public Uni<Void> remember(SqlConnection connection, long vkUserId, long surrogate, LocalDate today) {
        if (key.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                        INSERT INTO erased_member (id_hash, surrogate, department, erased_on)
                        SELECT decode($1, 'hex'), $2,
                               (SELECT department FROM member_directory WHERE vk_user_id = $4), $3
                        ON CONFLICT (id_hash) DO UPDATE SET surrogate = EXCLUDED.surrogate,
                            department = coalesce(EXCLUDED.department, erased_member.department),
                            erased_on = greatest(erased_member.erased_on, EXCLUDED.erased_on)""")
                .execute(Tuple.of(hash(mac(), vkUserId), surrogate, today, vkUserId))
                .replaceWithVoid();
    }

    /**
     * Within an erasure's transaction, before it changes anything: waits until the polls in flight have committed,
     * and holds back new ones until the erasure commits.
     */
    Uni<Void> holdBackPolls(SqlConnection connection) {
        return connection.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(POLLS_AND_ERASURES))
                .replaceWithVoid();
    }

    /**
     * Which of these members were erased (none when no key is set). Called within a poll's transaction before it
     * writes anything of these members: from here to its commit no erasure runs.
     */
    public Uni<Found> among(SqlConnection connection, Collection<Long> vkUserIds) {
        if (vkUserIds.isEmpty()) {
            return Uni.createFrom().item(Found.NONE);
        }
        // A statement of its own: the lookup's snapshot must be taken after the lock is held.
        return holdOffErasures(connection).chain(() -> lookUp(connection, vkUserIds));
    }

    /**
     * Within a transaction that writes rows of members it has just looked up: no erasure runs from here to its
     * commit, and one that committed before is seen by the statements that follow.
     */
    public Uni<Void> holdOffErasures(SqlConnection connection) {
        return connection.preparedQuery("SELECT pg_advisory_xact_lock_shared($1)")
                .execute(Tuple.of(POLLS_AND_ERASURES)).replaceWithVoid();
    }

    private Uni<Found> lookUp(SqlConnection connection, Collection<Long> vkUserIds) {
        if (key.isEmpty()) {
            return Uni.createFrom().item(Found.NONE);
        }
        Mac mac = mac();
        Map<String, Long> byHash = new HashMap<>();
        for (long vkUserId : new HashSet<>(vkUserIds)) {
            byHash.put(hash(mac, vkUserId), vkUserId);
        }
        return connection.preparedQuery("""
                        SELECT encode(id_hash, 'hex') AS id_hash, surrogate, erased_on FROM erased_member
                        WHERE id_hash IN (SELECT decode(h, 'hex') FROM unnest($1::text[]) AS h)""")
                .execute(Tuple.of(byHash.keySet().toArray(String[]::new)))
                .map(rows -> {
                    Map<Long, Erased> erased = new HashMap<>();
                    rows.forEach(row -> erased.put(byHash.get(row.getString("id_hash")),
                            new Erased(row.getLong("surrogate"), row.getLocalDate("erased_on"))));
                    return new Found(erased);
                });
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key.orElseThrow());
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** In hex, as PostgreSQL's encode(…, 'hex') writes it. */
    private static String hash(Mac mac, long vkUserId) {
        return HexFormat.of().formatHex(mac.doFinal(Long.toString(vkUserId).getBytes(StandardCharsets.US_ASCII)));
    }
}
