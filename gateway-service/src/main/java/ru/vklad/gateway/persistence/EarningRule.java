package ru.vklad.gateway.persistence;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One version of an earning rule; versions are only ever added. */
@Entity
@Table(name = "earning_rule")
public class EarningRule extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "rule_id", nullable = false)
    public String ruleId;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public long points;

    @Column(name = "min_points", nullable = false)
    public long minPoints;

    @Column(name = "max_points", nullable = false)
    public long maxPoints;

    @Column(name = "effective_from", nullable = false)
    public Instant effectiveFrom;

    @Column(name = "changed_by", nullable = false)
    public String changedBy;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    /** Awards per member and company day, 0 for no cap; null (with the other limits) for a rule awarded by hand. */
    @Column(name = "per_day")
    public Integer perDay;

    @Column(name = "per_week")
    public Integer perWeek;

    @Column(name = "cooldown_seconds")
    public Long cooldownSeconds;

    /** Caps by VK community id, where they differ from this version's own; empty: the same everywhere. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "earning_rule_community_limits", joinColumns = @JoinColumn(name = "earning_rule_id"))
    @MapKeyColumn(name = "community_id")
    public Map<Long, CommunityLimits> communityLimits = new HashMap<>();

    public boolean capped() {
        return perDay != null;
    }
}
