package ru.vklad.gateway.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A post that may be an idea: tagged #идея, or suggested to the community wall. */
@Entity
@Table(name = "idea_candidate")
public class IdeaCandidate extends PanacheEntityBase {

    @Id
    @Column(name = "activity_id")
    public String activityId;

    @Column(name = "community_id", nullable = false)
    public long communityId;

    @Column(name = "author_vk_id", nullable = false)
    public long authorVkId;

    @Column(name = "post_key", nullable = false)
    public String postKey;

    @Column(nullable = false)
    public String text;

    @Column(name = "posted_at", nullable = false)
    public Instant postedAt;

    @Column(nullable = false)
    public String status;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "points")
    public Long points;

    @Column(name = "reject_reason")
    public String rejectReason;

    /** The id of the award command sent to the ledger for an approved idea. */
    @Column(name = "award_command")
    public String awardCommand;
}
