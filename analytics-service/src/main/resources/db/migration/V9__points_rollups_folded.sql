-- The weekly and monthly rollups are no longer written with every poll of ledger events (four more upserts per
-- member day, two of them moving a points index, were most of the ingest's cost): each poll logs the points it added
-- to each member day, with the day's department, in points_change, and a job folds the logged changes into the
-- rollups, many polls' changes of one member's week into one row written.
ALTER TABLE points_change
    ADD COLUMN points          BIGINT[] NOT NULL DEFAULT '{}',
    ADD COLUMN activity_points BIGINT[] NOT NULL DEFAULT '{}',
    ADD COLUMN departments     TEXT[]   NOT NULL DEFAULT '{}';

-- The snapshot up to which the log is folded: every change whose transaction it sees is in the rollups, none other.
-- Folds lock this row, so one runs at a time across replicas and each change is folded once; an erasure locks it too.
CREATE TABLE points_rollup_fold (
    id        BOOLEAN     PRIMARY KEY DEFAULT true CHECK (id),
    snapshot  TEXT        NOT NULL,
    folded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Until now the rollups were written in the daily rows' transactions: they hold everything committed so far (and a
-- replica of the previous version, during a rolling update, still writes them itself and logs no points).
INSERT INTO points_rollup_fold (snapshot) VALUES (pg_current_snapshot()::text);
