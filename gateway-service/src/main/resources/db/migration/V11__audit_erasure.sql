-- Erasure (152-FZ) reaches the audit log too: the one change it accepts is the redaction of an erased member, made
-- by audit_erase_member below. Who acted, what, when and from which client never change; an entry about the member
-- keeps its place and action, with the member named by the anonymous id their records elsewhere carry.
CREATE OR REPLACE FUNCTION audit_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('vklad.audit_erasure', true) = 'on'
       AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor = OLD.actor
       AND NEW.client IS NOT DISTINCT FROM OLD.client AND NEW.action = OLD.action THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP USING ERRCODE = 'P0001';
END $$;

-- The text with the member's VK id (as a whole number) replaced by the surrogate, and their employee id and name
-- replaced by a marker.
CREATE FUNCTION audit_scrub(text TEXT, member BIGINT, employee TEXT, full_name TEXT, surrogate BIGINT)
    RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT replace(replace(regexp_replace(text, '(?<![0-9])' || member || '(?![0-9])', surrogate::text, 'g'),
                           employee, '[erased]'), full_name, '[erased]')
$$;

-- Redacts every entry that names the member: the snapshots of the member themselves (their directory entry and
-- consent) become a marker, and any other entry (an award to them, say) keeps its content with the VK id, employee
-- id and name replaced. Answers how many entries changed.
CREATE FUNCTION audit_erase_member(member BIGINT, employee TEXT, full_name TEXT, surrogate BIGINT)
    RETURNS INT LANGUAGE plpgsql AS $$
DECLARE
    pattern TEXT := '(?<![0-9])' || member || '(?![0-9])';
    changed INT;
BEGIN
    IF coalesce(employee, '') = '' OR coalesce(full_name, '') = '' THEN
        RAISE EXCEPTION 'audit_erase_member needs the employee id and the name';
    END IF;
    PERFORM set_config('vklad.audit_erasure', 'on', true);
    UPDATE audit_entry SET
        before = CASE WHEN before IS NULL THEN NULL
                      WHEN target = 'member:' || member THEN '{"erased":true}'
                      ELSE audit_scrub(before, member, employee, full_name, surrogate) END,
        after  = CASE WHEN after IS NULL THEN NULL
                      WHEN target = 'member:' || member THEN '{"erased":true}'
                      ELSE audit_scrub(after, member, employee, full_name, surrogate) END,
        target = audit_scrub(target, member, employee, full_name, surrogate)
    WHERE target ~ pattern OR before ~ pattern OR after ~ pattern
       OR strpos(before, employee) > 0 OR strpos(after, employee) > 0
       OR strpos(before, full_name) > 0 OR strpos(after, full_name) > 0;
    GET DIAGNOSTICS changed = ROW_COUNT;
    PERFORM set_config('vklad.audit_erasure', 'off', true);
    RETURN changed;
END $$;
