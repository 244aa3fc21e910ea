-- brokerdesk schema v5 (issue 8): the audit log's rows become records a person makes (UUID v7 +
-- installation id, no REPLACE), carry the customer they concern (for the 审计 screen's filter),
-- and get the indexes the screen pages on; reassignments of customers between managers
-- (存量客户分配, SPEC §4.8) are append-only records.

ALTER TABLE audit_log ADD COLUMN record_id TEXT;      -- UUID v7 (rows before v5: 'legacy-audit-<id>')
ALTER TABLE audit_log ADD COLUMN installation TEXT;   -- the installation id of the DB that wrote it
ALTER TABLE audit_log ADD COLUMN customer_id TEXT;    -- the customer the entry concerns (NULL: none, e.g. an import)

-- Rows written before v5 cannot get a UUID v7 in SQL (their instant is known, the random part and
-- counter are not): they get a deterministic id from their row number, the installation of this
-- file (or 'legacy') and their customer; the append-only triggers are lifted for this one step.
DROP TRIGGER audit_log_no_update;
UPDATE audit_log SET
    record_id = printf('legacy-audit-%d', id),
    installation = coalesce((SELECT value FROM settings WHERE key = 'installation_id'), 'legacy'),
    customer_id = CASE entity
        WHEN 'alert' THEN (SELECT a.customer_id FROM alerts a WHERE a.id = audit_log.entity_id)
        WHEN 'warning_confirmation' THEN (SELECT w.customer_id FROM warning_confirmations w WHERE w.id = audit_log.entity_id)
        ELSE (SELECT c.customer_id FROM customers c WHERE c.customer_id = audit_log.entity_id) END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE UNIQUE INDEX audit_log_record ON audit_log (record_id);
-- a new row must carry its record id; REPLACE would delete the old row (on the id or the record
-- id) without firing the DELETE trigger: refuse an existing one instead
CREATE TRIGGER audit_log_record_id BEFORE INSERT ON audit_log
WHEN NEW.record_id IS NULL OR NEW.installation IS NULL
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: an entry needs its record id and installation'); END;
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id OR record_id = NEW.record_id)
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: this entry exists already'); END;

-- the 审计 screen: newest first overall, by person, by customer, by action
CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE INDEX audit_log_actor ON audit_log (actor, at, id);
CREATE INDEX audit_log_customer ON audit_log (customer_id, at, id);
CREATE INDEX audit_log_action ON audit_log (action, at, id);

-- One row per customer moved from one manager to another: append-only.
CREATE TABLE reassignments (
    id              TEXT PRIMARY KEY,          -- UUID v7
    installation_id TEXT NOT NULL,
    customer_id     TEXT NOT NULL REFERENCES customers (customer_id),
    from_manager    TEXT NOT NULL,
    to_manager      TEXT NOT NULL REFERENCES managers (manager_id),
    by_manager      TEXT NOT NULL,             -- who applied it (the signed-in supervisor)
    at              TEXT NOT NULL,             -- RFC 3339 UTC
    reason          TEXT NOT NULL DEFAULT ''   -- departure | balance | single | filter (+ free text)
) WITHOUT ROWID;
CREATE INDEX reassignments_customer ON reassignments (customer_id, at);
CREATE TRIGGER reassignments_no_update BEFORE UPDATE ON reassignments
BEGIN SELECT RAISE(ABORT, 'reassignments are append-only'); END;
CREATE TRIGGER reassignments_no_delete BEFORE DELETE ON reassignments
BEGIN SELECT RAISE(ABORT, 'reassignments are append-only'); END;
CREATE TRIGGER reassignments_no_replace BEFORE INSERT ON reassignments
WHEN EXISTS (SELECT 1 FROM reassignments WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'reassignments are append-only: this id is recorded already'); END;
