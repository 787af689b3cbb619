-- Events are inserted pending (no seq or hashes) inside the change's transaction and sealed
-- into the chain shortly after. The one UPDATE the ledger allows is that sealing, once: an
-- event with no seq and no hashes receives all three, and nothing else about it changes.
-- DELETE, TRUNCATE and any other UPDATE are still refused.
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD.seq IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL
     AND NEW.seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
     AND NEW.id = OLD.id AND NEW.org_id = OLD.org_id AND NEW.entry = OLD.entry
     AND NEW.type = OLD.type AND NEW.actor_kind = OLD.actor_kind AND NEW.actor_id = OLD.actor_id
     AND NEW.occurred_at = OLD.occurred_at AND NEW.data = OLD.data THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
