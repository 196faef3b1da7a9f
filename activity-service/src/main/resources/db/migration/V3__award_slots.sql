-- Award slots: one per member x rule x object (per comment for comments, whose author may be learnt late).
-- What a slot is owed is derived from the distinct events recorded for it, never from their order; `awarded` and
-- `reversed` count the commands already issued for it, `points` what its latest award paid.
CREATE TABLE award_slot (
    community_id BIGINT NOT NULL,
    rule_id      TEXT   NOT NULL,
    subject      TEXT   NOT NULL,
    object_key   TEXT   NOT NULL,
    member_vk_id BIGINT,
    style        TEXT   NOT NULL CHECK (style IN ('ONCE', 'STICKY', 'RESTORABLE')),
    awarded      INT    NOT NULL DEFAULT 0,
    reversed     INT    NOT NULL DEFAULT 0 CHECK (reversed <= awarded),
    points       BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (community_id, rule_id, subject)
);

CREATE TABLE award_slot_event (
    community_id BIGINT NOT NULL,
    rule_id      TEXT   NOT NULL,
    subject      TEXT   NOT NULL,
    event_id     TEXT   NOT NULL,
    effect       TEXT   NOT NULL CHECK (effect IN ('EARN', 'TAKEBACK', 'RETURN')),
    PRIMARY KEY (community_id, rule_id, subject, event_id),
    FOREIGN KEY (community_id, rule_id, subject) REFERENCES award_slot (community_id, rule_id, subject)
);
