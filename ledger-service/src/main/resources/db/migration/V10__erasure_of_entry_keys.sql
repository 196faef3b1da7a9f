-- Entries stay append-only with one exception, an erasure (152-FZ): a command's idempotency key and id may name the
-- member (an activity award's key carries the VK id, an HR award's may carry the employee id), and its fingerprint is
-- a hash over the member's id, so an erased member's entries are renamed after themselves. Nothing else of an entry
-- may change, and only inside the erasure's transaction (vklad.ledger_erasure set locally by it).
CREATE FUNCTION journal_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('vklad.ledger_erasure', true) = 'on'
       AND NEW.idempotency_key = 'erased-entry:' || OLD.id AND NEW.command_id = 'erased-entry:' || OLD.id
       AND NEW.command_fingerprint = 'erased'
       AND (NEW.id, NEW.kind, NEW.rule_id, NEW.rule_version, NEW.reason, NEW.posted_at, NEW.reverses_entry_id,
            NEW.decides_entry_id)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.kind, OLD.rule_id, OLD.rule_version, OLD.reason, OLD.posted_at, OLD.reverses_entry_id,
            OLD.decides_entry_id) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is append-only: corrections are reversal entries', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

DROP TRIGGER journal_entry_append_only ON journal_entry;
CREATE TRIGGER journal_entry_append_only BEFORE UPDATE OR DELETE ON journal_entry
    FOR EACH ROW EXECUTE FUNCTION journal_entry_append_only();
