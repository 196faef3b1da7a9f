-- Which member days each transaction changed in member_points_daily, so every replica's in-memory copy of the recent
-- days (DailyPointsMirror) re-reads exactly the rows committed since its last snapshot: the rows of transactions
-- that snapshot did not see. An erasure logs a reload instead (it names no member: the erased id must not stay
-- here, and it replaces that id in the rows already logged).
-- Rows older than vklad.analytics.ranking-index.change-retention are deleted; a replica further behind reloads.
CREATE TABLE points_change (
    txid        XID8        NOT NULL DEFAULT pg_current_xact_id(),
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    members     BIGINT[]    NOT NULL DEFAULT '{}',
    days        DATE[]      NOT NULL DEFAULT '{}',
    reload      BOOLEAN     NOT NULL DEFAULT false
);
CREATE INDEX points_change_txid_idx ON points_change (txid);
CREATE INDEX points_change_recorded_at_idx ON points_change (recorded_at);
