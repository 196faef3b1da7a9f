package ru.vklad.analytics.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import ru.vklad.analytics.config.AnalyticsConfig;

/** Departments and consent of the members, from the members directory; erasure removes a member's personal data. */
@ApplicationScoped
public class MemberDirectory {

    /** The read models whose rows keep counting for departments and the company once their member is erased. */
    private static final List<String> COUNTED_UNDER_MEMBER = List.of("member_points_daily", "member_points_weekly",
            "member_points_monthly", "department_points_weekly", "department_points_monthly", "weekly_award",
            "member_actions_daily", "poll_vote", "post_engager");

    private final Pool pool;
    private final ErasedMembers erased;
    private final AnalyticsConfig config;

    public MemberDirectory(Pool pool, ErasedMembers erased, AnalyticsConfig config) {
        this.pool = pool;
        this.erased = erased;
        this.config = config;
    }

    /** Keeps the newest state of a member (an older change arriving late is ignored). */
    public Uni<Void> changed(long vkUserId, String department, String audience, boolean consentGiven,
                             Instant changedAt) {
        return pool.preparedQuery("""
                        INSERT INTO member_directory (vk_user_id, department, audience, consent_given, changed_at)
                        VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (vk_user_id) DO UPDATE SET department = EXCLUDED.department,
                            audience = EXCLUDED.audience, consent_given = EXCLUDED.consent_given,
                            changed_at = EXCLUDED.changed_at
                        WHERE member_directory.changed_at <= EXCLUDED.changed_at""")
                .execute(Tuple.from(Arrays.asList(vkUserId, blankToNull(department), blankToNull(audience),
                        consentGiven, changedAt.atOffset(ZoneOffset.UTC))))
                .chain(() -> forgetTextsUnlessConsenting(vkUserId));
    }

    /** A member who withdrew consent (as the newest state says) keeps no comment text here. */
    private Uni<Void> forgetTextsUnlessConsenting(long vkUserId) {
        return pool.preparedQuery("""
                        DELETE FROM comment_text WHERE vk_user_id = $1 AND EXISTS (
                            SELECT 1 FROM member_directory WHERE vk_user_id = $1 AND NOT consent_given)""")
                .execute(Tuple.of(vkUserId))
                .replaceWithVoid();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * Erasure: the member leaves the directory, the texts of their comments go, and their points, actions, poll
     * answers, engagement with posts and any weekly award stay counted for their department and the company under
     * one new negative id that nothing links back to them (the tone and terms of their comments hold no member).
     * The erasure is remembered under a keyed hash ({@link ErasedMembers}), so their events that come later or again
     * count under that id too. Polls in flight are waited for, so what they write of the member moves too.
     */
    public Uni<Void> erase(long vkUserId) {
        return pool.withTransaction(connection -> erased.holdBackPolls(connection)
                .chain(() -> PointsRollups.locked(connection))
                .chain(() -> connection.preparedQuery("SELECT -nextval('erased_member_seq') AS surrogate").execute())
                .map(rows -> rows.iterator().next().getLong("surrogate"))
                .call(surrogate -> erased.remember(connection, vkUserId, surrogate, LocalDate.now(config.zone())))
                .chain(surrogate -> Multi.createFrom().iterable(COUNTED_UNDER_MEMBER)
                        .onItem().transformToUniAndConcatenate(table -> connection
                                .preparedQuery("UPDATE " + table + " SET vk_user_id = $2 WHERE vk_user_id = $1")
                                .execute(Tuple.of(vkUserId, surrogate)))
                        .collect().last()
                        // The replicas' in-memory rankings reload (a reload names nobody), and the member days
                        // already logged for them name the anonymous id instead (DailyPointsMirror).
                        .chain(() -> connection.preparedQuery("""
                                        WITH scrubbed AS (
                                            UPDATE points_change SET members = array_replace(members, $1, $2)
                                            WHERE $1 = ANY(members))
                                        INSERT INTO points_change (reload) VALUES (true)""")
                                .execute(Tuple.of(vkUserId, surrogate))))
                .chain(() -> connection.preparedQuery("DELETE FROM comment_text WHERE vk_user_id = $1")
                        .execute(Tuple.of(vkUserId)))
                .chain(() -> connection.preparedQuery("DELETE FROM member_directory WHERE vk_user_id = $1")
                        .execute(Tuple.of(vkUserId)))
                .replaceWithVoid());
    }
}
