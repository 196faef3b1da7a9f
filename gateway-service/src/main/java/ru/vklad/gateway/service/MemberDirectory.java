package ru.vklad.gateway.service;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import ru.vklad.events.MemberChanged;
import ru.vklad.gateway.config.GatewayConfig;
import ru.vklad.gateway.messaging.MembersPublisher;
import ru.vklad.gateway.persistence.IdeaCandidate;
import ru.vklad.gateway.persistence.ManualAward;
import ru.vklad.gateway.persistence.Member;
import ru.vklad.gateway.persistence.MemberRepository;

/** The members directory: every change is stored and published to the compacted {@code members} topic. */
@ApplicationScoped
public class MemberDirectory {

    private final MemberRepository members;
    private final MembersPublisher publisher;
    private final GatewayConfig config;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    public MemberDirectory(MemberRepository members, MembersPublisher publisher, GatewayConfig config,
                           AuditTrail audit) {
        this.members = members;
        this.publisher = publisher;
        this.config = config;
        this.audit = audit;
    }

    public Uni<Member> find(long vkUserId) {
        return Panache.withSession(() -> members.findById(vkUserId));
    }

    public Uni<List<Member>> list(String department, String text, Page page) {
        return Panache.withSession(() -> members.list(department, text, page));
    }

    /**
     * Creates or updates a member. The change is published before the transaction commits, so a member is never
     * stored without its event; a failed commit after a successful publish only repeats the previous state's
     * successor, which the next change supersedes on the compacted topic.
     */
    public Uni<Member> save(long vkUserId, String employeeId, String fullName, String department, String audience,
                            String timeZone) {
        return Panache.withTransaction(() -> validated(vkUserId, employeeId, timeZone).chain(zone ->
                members.findById(vkUserId).chain(existing -> {
                    String before = audit.snapshot(existing);
                    Member member = existing != null ? existing : new Member();
                    member.vkUserId = vkUserId;
                    member.employeeId = employeeId;
                    member.fullName = fullName;
                    member.department = department;
                    member.audience = audience == null ? "employees" : audience;
                    member.timeZone = zone;
                    member.updatedAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
                    return members.persist(member)
                            .call(saved -> audit.record("member.save", "member:" + vkUserId, before, saved))
                            .call(saved -> publisher.publish(changed(saved)));
                })));
    }

    /** The checks of {@link #save} without saving: fails with {@link InvalidMemberException} as it would. */
    public Uni<Void> check(long vkUserId, String employeeId, String timeZone) {
        return Panache.withSession(() -> validated(vkUserId, employeeId, timeZone)).replaceWithVoid();
    }

    /** The member's time zone (the default when none is given), once the time zone and employee id are valid. */
    private Uni<String> validated(long vkUserId, String employeeId, String timeZone) {
        String zone = timeZone == null || timeZone.isBlank() ? config.defaultTimeZone() : timeZone;
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            return Uni.createFrom().failure(new InvalidMemberException("timeZone", "unknown time zone '" + zone + "'"));
        }
        return members.findByEmployeeId(employeeId).chain(sameEmployee -> {
            if (sameEmployee != null && sameEmployee.vkUserId != vkUserId) {
                return Uni.createFrom().failure(new InvalidMemberException("employeeId",
                        "employee " + employeeId + " is already linked to VK user " + sameEmployee.vkUserId));
            }
            return Uni.createFrom().item(zone);
        });
    }

    /**
     * Erasure (152-FZ): the member leaves the directory with the idea candidates they wrote (their text is personal
     * data), and a tombstone tells every service to forget them; the ledger keeps its balanced entries. The
     * tombstone is published before the transaction commits, as every change is.
     */
    public Uni<Void> erase(long vkUserId) {
        return Panache.withTransaction(() -> members.findById(vkUserId).chain(member -> {
            if (member == null) {
                return Uni.createFrom().failure(new MemberNotFoundException(vkUserId));
            }
            // The log must not keep what erasure removed: its entries about the member name the anonymous id, and
            // so does the erasure's own entry.
            return Panache.getSession().chain(session -> session
                    .createNativeQuery("SELECT -nextval('erased_member_seq')", Long.class).getSingleResult()
                    .chain(surrogate -> IdeaCandidate.delete("authorVkId", vkUserId)
                            .chain(() -> anonymiseAwards(vkUserId, surrogate))
                            .chain(() -> session.createNativeQuery(
                                            "SELECT audit_erase_member(?1, ?2, ?3, ?4)", Integer.class)
                                    .setParameter(1, vkUserId).setParameter(2, member.employeeId)
                                    .setParameter(3, member.fullName).setParameter(4, surrogate).getSingleResult())
                            .chain(() -> members.delete(member))
                            .chain(() -> audit.record("member.erase", "member:" + surrogate, null, null))))
                    .chain(() -> publisher.erase(vkUserId));
        }));
    }

    /**
     * The member's manual award commands stay, under one new negative id nothing links back to them; their keys
     * (HR's, or a project import's naming the employee) and request fingerprints go.
     */
    private static Uni<Integer> anonymiseAwards(long vkUserId, long surrogate) {
        return ManualAward.update("memberVkId = ?1, idempotencyKey = concat('erased-award:', commandId), "
                + "fingerprint = 'erased' where memberVkId = ?2", surrogate, vkUserId);
    }

    /**
     * Records that the member gave or withdrew consent to their activity being tracked. Withdrawal takes effect
     * in every service as soon as they read the published state.
     */
    public Uni<Member> setConsent(long vkUserId, boolean given) {
        return Panache.withTransaction(() -> members.findById(vkUserId).chain(member -> {
            if (member == null) {
                return Uni.createFrom().failure(new MemberNotFoundException(vkUserId));
            }
            String before = audit.snapshot(member);
            member.consentGiven = given;
            member.consentVersion = given ? config.consentTextVersion() : member.consentVersion;
            member.updatedAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
            return members.persist(member)
                    .call(saved -> audit.record(given ? "member.consent.give" : "member.consent.withdraw",
                            "member:" + vkUserId, before, saved))
                    .call(saved -> publisher.publish(changed(saved)));
        }));
    }

    private static MemberChanged changed(Member m) {
        return new MemberChanged(m.vkUserId, m.employeeId, m.fullName, m.department, m.audience, m.timeZone,
                m.consentGiven, m.consentVersion, m.updatedAt);
    }
}
