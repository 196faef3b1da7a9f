-- Every version of every earning rule, followed from the compacted `earning-rules` topic (owned by the gateway),
-- so the rules in force survive a restart without re-reading the topic.
CREATE TABLE earning_rule_version (
    rule_id        TEXT        NOT NULL,
    version        INT         NOT NULL,
    title          TEXT        NOT NULL,
    points         BIGINT      NOT NULL,
    min_points     BIGINT      NOT NULL,
    max_points     BIGINT      NOT NULL,
    effective_from TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (rule_id, version)
);
