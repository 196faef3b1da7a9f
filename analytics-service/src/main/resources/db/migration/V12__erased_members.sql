-- Who was erased, as a keyed hash of the VK id (HMAC-SHA256 with vklad.analytics.erasure.key, kept in a Secret,
-- never here), with the anonymous id their numbers went to, their department then and the company day of the
-- erasure. Their events dated up to that day that arrive late, or again in a rebuild from the topics, are counted
-- under the anonymous id and for that department. Not derived from the topics: a rebuild keeps it, as it keeps
-- survey designations and weekly awards.
CREATE TABLE erased_member (
    id_hash    BYTEA  PRIMARY KEY,
    surrogate  BIGINT NOT NULL,
    department TEXT,
    erased_on  DATE   NOT NULL
);
CREATE INDEX erased_member_surrogate_idx ON erased_member (surrogate);
