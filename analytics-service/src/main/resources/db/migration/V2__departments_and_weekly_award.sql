-- The members directory as analytics needs it, followed from the compacted `members` topic: department and
-- consent. A tombstone (erasure) removes the row.
CREATE TABLE member_directory (
    vk_user_id    BIGINT      PRIMARY KEY,
    department    TEXT,
    consent_given BOOLEAN     NOT NULL,
    changed_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX member_directory_department_idx ON member_directory (department);

-- Points earned from VK activity (rules counted automatically) beside all points, and the member's department
-- when the points were posted, so department totals do not move when someone changes department or is erased.
-- An erased member's rows keep their numbers under a negative surrogate id that nothing else knows.
ALTER TABLE member_points_daily
    ADD COLUMN activity_points BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN department      TEXT;
CREATE INDEX member_points_daily_department_idx ON member_points_daily (department, day);
CREATE SEQUENCE erased_member_seq;

-- The weekly "most active" award: one winner per ISO week, claimed before the award command is sent and marked
-- sent once the broker acknowledged it (an unsent claim is sent again, under the same idempotency key).
CREATE TABLE weekly_award (
    week            TEXT        PRIMARY KEY,
    vk_user_id      BIGINT      NOT NULL,
    activity_points BIGINT      NOT NULL,
    active_days     INT         NOT NULL,
    award_points    BIGINT      NOT NULL,
    decided_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at         TIMESTAMPTZ
);
