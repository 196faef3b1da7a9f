package ru.vklad.gateway.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An award HR submitted to the ledger, with the ledger's outcome once it is known. */
@Entity
@Table(name = "award_command")
public class ManualAward extends PanacheEntityBase {

    @Id
    @Column(name = "command_id")
    public String commandId;

    @Column(name = "idempotency_key", nullable = false, unique = true)
    public String idempotencyKey;

    /** What was asked, so a retry with the same key can be told from a different request with it. */
    @Column(nullable = false)
    public String fingerprint;

    @Column(name = "member_vk_id", nullable = false)
    public long memberVkId;

    @Column(name = "rule_id", nullable = false)
    public String ruleId;

    @Column(name = "rule_version", nullable = false)
    public int ruleVersion;

    @Column(nullable = false)
    public long points;

    @Column(nullable = false)
    public String reason;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    /** SUBMITTED, then the ledger's outcome: POSTED, DUPLICATE or REJECTED. */
    @Column(nullable = false)
    public String status;

    /** Why the ledger rejected it. */
    public String outcome;

    @Column(name = "entry_id")
    public Long entryId;

    @Column(name = "decided_at")
    public Instant decidedAt;
}
