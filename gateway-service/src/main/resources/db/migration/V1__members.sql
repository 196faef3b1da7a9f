-- The members directory: VK user id <-> employee, department, audience, consent (personal data, 152-FZ).
CREATE TABLE member (
    vk_user_id      BIGINT      PRIMARY KEY CHECK (vk_user_id > 0),
    employee_id     TEXT        NOT NULL UNIQUE,
    full_name       TEXT        NOT NULL,
    department      TEXT        NOT NULL,
    audience        TEXT        NOT NULL CHECK (audience IN ('employees', 'customers')),
    time_zone       TEXT        NOT NULL,
    consent_given   BOOLEAN     NOT NULL DEFAULT FALSE,
    consent_version TEXT,
    updated_at      TIMESTAMPTZ NOT NULL
);

CREATE INDEX member_department_idx ON member (department);
