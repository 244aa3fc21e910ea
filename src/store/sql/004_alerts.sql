-- brokerdesk schema: holding-risk alerts (SPEC §4.7) with their lifecycle, and the records a person
-- makes on them (acknowledgements, resolutions, signed warning confirmations: append-only, UUID v7).
-- The alerts table of 001 was never written by any release: it is recreated with the lifecycle columns.

DROP INDEX IF EXISTS alerts_customer;
DROP INDEX IF EXISTS alerts_open;
DROP TABLE alerts;

-- Derived state, written by the engine (store::alerts::run) and by a person's acknowledgement or
-- resolution (whose record is in alert_actions). One tracked row per (customer, rule, subject):
-- open, acknowledged, or resolved by a person while the condition still holds (held = 1).
CREATE TABLE alerts (
    id             INTEGER PRIMARY KEY,
    customer_id    TEXT NOT NULL REFERENCES customers (customer_id),
    rule           TEXT NOT NULL CHECK (rule IN ('suitability', 'concentration', 'drawdown', 'turning_point',
                       'customer_loss', 'mispriced_order', 'idle_cash', 'dormant', 'assessment', 'elderly')),
    severity       TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    subject        TEXT NOT NULL DEFAULT '',   -- security code, order:…, customer, top3
    detail         TEXT NOT NULL,              -- the message in Chinese, with the numbers
    detail_en      TEXT NOT NULL DEFAULT '',   -- the same in English
    first_seen     TEXT NOT NULL,              -- China date of the run that first found it
    last_seen      TEXT NOT NULL,              -- China date of the latest run that found it
    status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
    handled_severity TEXT CHECK (handled_severity IN ('info', 'warning', 'critical')), -- when acknowledged/resolved by a person
    held           INTEGER NOT NULL DEFAULT 0 CHECK (held IN (0, 1)), -- resolved by a person, condition still found
    resolved_at    TEXT,                       -- RFC 3339 UTC
    actor          TEXT,                       -- who handled it last ('engine' for an automatic resolution)
    note           TEXT NOT NULL DEFAULT '',
    updated_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX alerts_tracked ON alerts (customer_id, rule, subject) WHERE status <> 'resolved' OR held = 1;
CREATE INDEX alerts_customer ON alerts (customer_id, status);
CREATE INDEX alerts_list ON alerts (status, severity, first_seen);
-- the 预警 list's order (most severe, then oldest): a window is read off this index
CREATE INDEX alerts_order ON alerts (CASE severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END,
    first_seen, customer_id, rule, subject, id);

-- Acknowledgements and resolutions a person makes: append-only.
CREATE TABLE alert_actions (
    id              TEXT PRIMARY KEY,          -- UUID v7
    installation_id TEXT NOT NULL,
    alert_id        INTEGER NOT NULL REFERENCES alerts (id),
    customer_id     TEXT NOT NULL REFERENCES customers (customer_id),
    rule            TEXT NOT NULL,
    subject         TEXT NOT NULL,
    severity        TEXT NOT NULL,             -- the alert's severity when handled
    action          TEXT NOT NULL CHECK (action IN ('acknowledge', 'resolve')),
    manager_id      TEXT NOT NULL,
    at              TEXT NOT NULL,             -- RFC 3339 UTC
    note            TEXT NOT NULL
);
CREATE INDEX alert_actions_alert ON alert_actions (alert_id, at);
CREATE TRIGGER alert_actions_no_update BEFORE UPDATE ON alert_actions
BEGIN SELECT RAISE(ABORT, 'alert actions are append-only'); END;
CREATE TRIGGER alert_actions_no_delete BEFORE DELETE ON alert_actions
BEGIN SELECT RAISE(ABORT, 'alert actions are append-only'); END;

-- The customer's signed risk warning for holding or buying a product above their level (SPEC §4.5),
-- recorded on a suitability alert: append-only.
CREATE TABLE warning_confirmations (
    id              TEXT PRIMARY KEY,          -- UUID v7
    installation_id TEXT NOT NULL,
    alert_id        INTEGER REFERENCES alerts (id),
    customer_id     TEXT NOT NULL REFERENCES customers (customer_id),
    code            TEXT NOT NULL,             -- the product
    product_rating  TEXT NOT NULL CHECK (product_rating IN ('R1', 'R2', 'R3', 'R4', 'R5')),
    customer_level  TEXT CHECK (customer_level IN ('C1', 'C2', 'C3', 'C4', 'C5')),
    manager_id      TEXT NOT NULL,
    at              TEXT NOT NULL,             -- RFC 3339 UTC
    note            TEXT NOT NULL
);
CREATE INDEX warning_confirmations_customer ON warning_confirmations (customer_id, at);
CREATE TRIGGER warning_confirmations_no_update BEFORE UPDATE ON warning_confirmations
BEGIN SELECT RAISE(ABORT, 'signed warning confirmations are append-only'); END;
CREATE TRIGGER warning_confirmations_no_delete BEFORE DELETE ON warning_confirmations
BEGIN SELECT RAISE(ABORT, 'signed warning confirmations are append-only'); END;
