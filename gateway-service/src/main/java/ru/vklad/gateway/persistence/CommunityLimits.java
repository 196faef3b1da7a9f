package ru.vklad.gateway.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A rule version's caps in one community, where they differ from the version's own. */
@Embeddable
public class CommunityLimits {

    @Column(name = "per_day", nullable = false)
    public int perDay;

    @Column(name = "per_week", nullable = false)
    public int perWeek;

    @Column(name = "cooldown_seconds", nullable = false)
    public long cooldownSeconds;

    public CommunityLimits() {
    }

    public CommunityLimits(int perDay, int perWeek, long cooldownSeconds) {
        this.perDay = perDay;
        this.perWeek = perWeek;
        this.cooldownSeconds = cooldownSeconds;
    }
}
