-- Transactional outbox for ledger-events: a row is written in the same transaction as the entry it announces, so
-- an event exists if and only if its entry committed. The relay publishes rows in id order and marks them.
CREATE TABLE outbox (
    id           BIGSERIAL   PRIMARY KEY,
    message_key  TEXT        NOT NULL,
    payload      TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);

CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;
