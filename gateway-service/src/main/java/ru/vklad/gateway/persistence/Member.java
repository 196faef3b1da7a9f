package ru.vklad.gateway.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One employee in the members directory: the link between a VK account and the company's records. */
@Entity
@Table(name = "member")
public class Member extends PanacheEntityBase {

    @Id
    @Column(name = "vk_user_id")
    public long vkUserId;

    @Column(name = "employee_id", nullable = false, unique = true)
    public String employeeId;

    @Column(name = "full_name", nullable = false)
    public String fullName;

    @Column(name = "department", nullable = false)
    public String department;

    @Column(name = "audience", nullable = false)
    public String audience;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "consent_given", nullable = false)
    public boolean consentGiven;

    @Column(name = "consent_version")
    public String consentVersion;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
