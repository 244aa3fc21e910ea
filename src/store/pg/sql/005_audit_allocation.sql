-- brokerdesk schema v5, PostgreSQL twin of src/store/sql/005_audit_allocation.sql: audit rows
-- become records (UUID v7 + installation, the customer they concern); reassignments.

ALTER TABLE audit_log ADD COLUMN record_id TEXT COLLATE "C";
ALTER TABLE audit_log ADD COLUMN installation TEXT COLLATE "C";
ALTER TABLE audit_log ADD COLUMN customer_id TEXT COLLATE "C";

ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
UPDATE audit_log SET
    record_id = format('legacy-audit-%s', id),
    installation = coalesce((SELECT value FROM settings WHERE key = 'installation_id'), 'legacy'),
    customer_id = CASE entity
        WHEN 'alert' THEN (SELECT a.customer_id FROM alerts a WHERE a.id::text = audit_log.entity_id)
        WHEN 'warning_confirmation' THEN (SELECT w.customer_id FROM warning_confirmations w WHERE w.id = audit_log.entity_id)
        ELSE (SELECT c.customer_id FROM customers c WHERE c.customer_id = audit_log.entity_id) END;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;

CREATE UNIQUE INDEX audit_log_record ON audit_log (record_id);
-- a new row must carry its record id and installation (REPLACE does not exist here: the keys refuse a repeat)
ALTER TABLE audit_log ADD CONSTRAINT audit_log_record_id
    CHECK (record_id IS NOT NULL AND installation IS NOT NULL) NOT VALID;

CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE INDEX audit_log_actor ON audit_log (actor, at, id);
CREATE INDEX audit_log_customer ON audit_log (customer_id, at, id);
CREATE INDEX audit_log_action ON audit_log (action, at, id);

CREATE TABLE reassignments (
    id              TEXT COLLATE "C" PRIMARY KEY,
    installation_id TEXT COLLATE "C" NOT NULL,
    customer_id     TEXT COLLATE "C" NOT NULL REFERENCES customers (customer_id),
    from_manager    TEXT COLLATE "C" NOT NULL,
    to_manager      TEXT COLLATE "C" NOT NULL REFERENCES managers (manager_id),
    by_manager      TEXT COLLATE "C" NOT NULL,
    at              TEXT COLLATE "C" NOT NULL,
    reason          TEXT COLLATE "C" NOT NULL DEFAULT ''
);
CREATE INDEX reassignments_customer ON reassignments (customer_id, at);
CREATE TRIGGER reassignments_no_update BEFORE UPDATE ON reassignments FOR EACH ROW
EXECUTE FUNCTION bd_refuse('reassignments are append-only');
CREATE TRIGGER reassignments_no_delete BEFORE DELETE ON reassignments FOR EACH ROW
EXECUTE FUNCTION bd_refuse('reassignments are append-only');
