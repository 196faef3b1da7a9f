-- The earning rules master copy: every version of every rule. A version applies from effective_from on; the one in
-- force at a moment is the highest version whose effective_from has passed. Version 1 is the published table of
-- seed 000; HR may move points within [min_points, max_points].
CREATE TABLE earning_rule (
    id             BIGSERIAL   PRIMARY KEY,
    rule_id        TEXT        NOT NULL,
    version        INT         NOT NULL CHECK (version >= 1),
    title          TEXT        NOT NULL,
    points         BIGINT      NOT NULL,
    min_points     BIGINT      NOT NULL,
    max_points     BIGINT      NOT NULL,
    effective_from TIMESTAMPTZ NOT NULL,
    changed_by     TEXT        NOT NULL,
    changed_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (rule_id, version),
    CHECK (min_points <= points AND points <= max_points)
);

INSERT INTO earning_rule (rule_id, version, title, points, min_points, max_points, effective_from, changed_by) VALUES
    ('like',                1, 'Отметка «Мне нравится»',         1,   1,   5,   'epoch', 'seed'),
    ('substantive_comment', 1, 'Содержательный комментарий',     5,   5,   10,  'epoch', 'seed'),
    ('repost',              1, 'Репост публикации',              10,  10,  15,  'epoch', 'seed'),
    ('poll_vote',           1, 'Участие в опросе',               3,   3,   5,   'epoch', 'seed'),
    ('approved_idea',       1, 'Одобренная идея',                50,  50,  100, 'epoch', 'seed'),
    ('finished_project',    1, 'Завершённый проект',             100, 100, 500, 'epoch', 'seed'),
    ('contest_win',         1, 'Победа в конкурсе',              200, 200, 200, 'epoch', 'seed'),
    ('weekly_most_active',  1, 'Самый активный участник недели', 500, 500, 500, 'epoch', 'seed');
