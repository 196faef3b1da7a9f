package ru.vklad.activity.persistence;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MemberConsentRepository implements PanacheRepositoryBase<MemberConsent, Long> {

    /** Records the member's latest state unless an equally new or newer one is already stored. */
    public Uni<Void> upsert(long vkUserId, boolean consentGiven, String audience, Instant changedAt) {
        return findById(vkUserId).chain(existing -> {
            if (existing != null && existing.changedAt.isAfter(changedAt)) {
                return Uni.createFrom().voidItem();
            }
            MemberConsent consent = existing != null ? existing : new MemberConsent();
            consent.vkUserId = vkUserId;
            consent.consentGiven = consentGiven;
            consent.audience = audience;
            consent.changedAt = changedAt;
            return persist(consent).replaceWithVoid();
        });
    }
}
