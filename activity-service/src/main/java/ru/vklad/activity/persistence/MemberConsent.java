package ru.vklad.activity.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * Whether a VK user is a consenting member, followed from the {@code members} topic: only they earn points.
 * No name or department is kept here; the activity service needs nothing more than the consent.
 */
@Entity
@Table(name = "member_consent")
public class MemberConsent extends PanacheEntityBase {

    @Id
    @Column(name = "vk_user_id")
    public long vkUserId;

    @Column(name = "consent_given", nullable = false)
    public boolean consentGiven;

    @Column(name = "audience", nullable = false)
    public String audience;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;
}
