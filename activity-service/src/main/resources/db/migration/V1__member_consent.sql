-- Consent of members, followed from the compacted `members` topic (owned by the gateway).
CREATE TABLE member_consent (
    vk_user_id    BIGINT      PRIMARY KEY,
    consent_given BOOLEAN     NOT NULL,
    audience      TEXT        NOT NULL,
    changed_at    TIMESTAMPTZ NOT NULL
);
