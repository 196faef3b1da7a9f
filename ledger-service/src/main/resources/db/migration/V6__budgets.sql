-- Monthly issuance budgets. '*' is the company's overall budget; other rows are departments from the members
-- directory. Usage is the net of points made available to members in the month (awards and approved holds,
-- less reversals), kept by every batch in the same transaction as its entries; a batch locks the rows it needs,
-- so two replicas cannot both spend the last of a budget.
CREATE TABLE budget (
    month        DATE        NOT NULL CHECK (extract(day FROM month) = 1),
    department   TEXT        NOT NULL,
    limit_points BIGINT      NOT NULL CHECK (limit_points >= 0),
    set_by       TEXT        NOT NULL,
    set_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (month, department)
);

CREATE TABLE budget_usage (
    month      DATE   NOT NULL,
    department TEXT   NOT NULL,
    issued     BIGINT NOT NULL,
    PRIMARY KEY (month, department)
);

-- Members' departments, from the compacted members topic.
CREATE TABLE member_department (
    vk_user_id BIGINT      PRIMARY KEY,
    department TEXT        NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL
);
