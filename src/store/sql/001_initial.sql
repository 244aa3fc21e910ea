-- brokerdesk schema v1 (SPEC §3). Money in fen (INTEGER), prices in 厘 = 1/1000 yuan (INTEGER),
-- dates as ISO 'YYYY-MM-DD' TEXT (China business dates), instants as RFC 3339 UTC TEXT.

CREATE TABLE managers (
    manager_id  TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    branch      TEXT NOT NULL,
    role        TEXT NOT NULL DEFAULT 'manager' CHECK (role IN ('manager', 'supervisor'))
);

CREATE TABLE customers (
    customer_id    TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL DEFAULT 'individual' CHECK (kind IN ('individual', 'institution')),
    gender         TEXT CHECK (gender IN ('M', 'F')),
    birth_date     TEXT,
    id_number      TEXT NOT NULL,
    mobile         TEXT,
    manager_id     TEXT NOT NULL REFERENCES managers (manager_id),
    opened_on      TEXT NOT NULL,
    investor_class TEXT NOT NULL DEFAULT 'ordinary' CHECK (investor_class IN ('ordinary', 'professional')),
    status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'dormant', 'closed'))
);
CREATE INDEX customers_manager ON customers (manager_id);

CREATE TABLE account_snapshots (
    customer_id        TEXT NOT NULL REFERENCES customers (customer_id),
    as_of              TEXT NOT NULL,
    cash               INTEGER NOT NULL,
    total_assets       INTEGER NOT NULL,
    net_commission_12m INTEGER NOT NULL DEFAULT 0,
    other_income_12m   INTEGER NOT NULL DEFAULT 0,
    turnover_12m       INTEGER NOT NULL DEFAULT 0,
    last_trade_on      TEXT,
    PRIMARY KEY (customer_id, as_of)
) WITHOUT ROWID;
CREATE INDEX account_snapshots_as_of ON account_snapshots (as_of);

CREATE TABLE securities (
    code        TEXT PRIMARY KEY,
    exchange    TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('stock', 'fund', 'bond', 'convertible', 'warrant', 'wealth_product', 'other')),
    board       TEXT NOT NULL DEFAULT '',
    industry    TEXT NOT NULL DEFAULT '',
    category    TEXT NOT NULL DEFAULT '',
    risk_rating TEXT CHECK (risk_rating IN ('R1', 'R2', 'R3', 'R4', 'R5')),
    face_value  INTEGER
);

CREATE TABLE prices (
    code   TEXT NOT NULL REFERENCES securities (code),
    date   TEXT NOT NULL,
    open   INTEGER NOT NULL,
    high   INTEGER NOT NULL,
    low    INTEGER NOT NULL,
    close  INTEGER NOT NULL,
    volume INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (code, date)
) WITHOUT ROWID;

CREATE TABLE holdings (
    customer_id TEXT NOT NULL REFERENCES customers (customer_id),
    as_of       TEXT NOT NULL,
    code        TEXT NOT NULL REFERENCES securities (code),
    quantity    INTEGER NOT NULL CHECK (quantity >= 0),
    cost_price  INTEGER NOT NULL CHECK (cost_price >= 0),
    PRIMARY KEY (customer_id, as_of, code)
) WITHOUT ROWID;
CREATE INDEX holdings_code ON holdings (code, as_of);

CREATE TABLE orders (
    id          INTEGER PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (customer_id),
    time        TEXT NOT NULL,
    code        TEXT NOT NULL REFERENCES securities (code),
    side        TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
    price       INTEGER NOT NULL CHECK (price >= 0),
    quantity    INTEGER NOT NULL CHECK (quantity > 0),
    UNIQUE (customer_id, time, code, side)
);

-- Questionnaire definitions exactly as loaded; (id, version) never changes meaning.
CREATE TABLE questionnaires (
    id         TEXT NOT NULL,
    version    INTEGER NOT NULL,
    title      TEXT NOT NULL,
    definition TEXT NOT NULL, -- JSON of domain::questionnaire::Questionnaire
    loaded_at  TEXT NOT NULL,
    PRIMARY KEY (id, version)
);

-- Completed assessments: append-only (triggers below refuse UPDATE and DELETE).
CREATE TABLE assessments (
    id                 INTEGER PRIMARY KEY,
    customer_id        TEXT NOT NULL REFERENCES customers (customer_id),
    questionnaire_id   TEXT NOT NULL,
    version            INTEGER NOT NULL,
    answers            TEXT NOT NULL,
    score              INTEGER NOT NULL,
    level              TEXT NOT NULL CHECK (level IN ('C1', 'C2', 'C3', 'C4', 'C5')),
    lowest             INTEGER NOT NULL CHECK (lowest IN (0, 1)),
    assessed_on        TEXT NOT NULL,
    valid_until        TEXT NOT NULL,
    manager_id         TEXT REFERENCES managers (manager_id),
    customer_confirmed INTEGER NOT NULL DEFAULT 0 CHECK (customer_confirmed IN (0, 1)),
    recorded_at        TEXT NOT NULL,
    FOREIGN KEY (questionnaire_id, version) REFERENCES questionnaires (id, version),
    UNIQUE (customer_id, questionnaire_id, version, assessed_on)
);
CREATE INDEX assessments_customer ON assessments (customer_id, assessed_on);
CREATE TRIGGER assessments_no_update BEFORE UPDATE ON assessments
BEGIN SELECT RAISE(ABORT, 'assessments are append-only: a finished assessment is never edited'); END;
CREATE TRIGGER assessments_no_delete BEFORE DELETE ON assessments
BEGIN SELECT RAISE(ABORT, 'assessments are append-only: a finished assessment is never deleted'); END;
CREATE TRIGGER questionnaires_no_update BEFORE UPDATE ON questionnaires
BEGIN SELECT RAISE(ABORT, 'questionnaire versions are immutable: bump the version'); END;

CREATE TABLE callbacks (
    id          INTEGER PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (customer_id),
    due_on      TEXT NOT NULL,
    reason      TEXT NOT NULL,          -- routine | new_account | level_changed | mismatch_confirmed | elderly_high_risk | …
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
    tries       INTEGER NOT NULL DEFAULT 0,
    done_at     TEXT,
    channel     TEXT CHECK (channel IN ('phone', 'wechat', 'in_person', 'sms')),
    outcome     TEXT CHECK (outcome IN ('reached', 'not_reached', 'refused', 'wrong_number')),
    note        TEXT NOT NULL DEFAULT '',
    manager_id  TEXT REFERENCES managers (manager_id)
);
CREATE INDEX callbacks_open ON callbacks (status, due_on);
CREATE INDEX callbacks_customer ON callbacks (customer_id, due_on);

CREATE TABLE alerts (
    id          INTEGER PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (customer_id),
    rule        TEXT NOT NULL,
    severity    TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    subject     TEXT NOT NULL DEFAULT '', -- e.g. a security code
    detail      TEXT NOT NULL,
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
    actor       TEXT,
    note        TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL
);
CREATE INDEX alerts_customer ON alerts (customer_id, status);
CREATE INDEX alerts_open ON alerts (status, severity);

-- Every change a person makes (SPEC §3); append-only.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action    TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- Small key/value facts about this file, e.g. which tier rules built customer_book.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One line per import run.
CREATE TABLE import_runs (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    kind      TEXT NOT NULL,
    file      TEXT NOT NULL,
    rows      INTEGER NOT NULL,
    inserted  INTEGER NOT NULL,
    updated   INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    rejected  INTEGER NOT NULL
);

-- Derived, rebuilt by store::book::refresh after every import from the domain rules (tier, risk
-- level): one narrow row per customer so the list, filters and the segment matrix are indexed
-- queries over one table. Never edited by hand; always recomputable from the tables above.
CREATE TABLE customer_book (
    customer_id     TEXT PRIMARY KEY REFERENCES customers (customer_id),
    manager_id      TEXT NOT NULL,
    name            TEXT NOT NULL,
    name_key        TEXT NOT NULL, -- domain::text::name_sort_key: pinyin order
    search_text     TEXT NOT NULL, -- name, customer id and last 4 of mobile, for the text filter
    kind            TEXT NOT NULL,
    status          TEXT NOT NULL,
    as_of           TEXT,          -- statistics date of the snapshot used
    total_assets    INTEGER NOT NULL DEFAULT 0,
    contribution    INTEGER NOT NULL DEFAULT 0,
    tier            TEXT NOT NULL CHECK (tier IN ('T1', 'T2', 'T3', 'T4')),
    tier_basis      TEXT NOT NULL, -- assets | contribution | base
    professional    INTEGER NOT NULL CHECK (professional IN (0, 1)),
    risk_level      TEXT,          -- latest assessment's level (even if expired), NULL if never
    risk_type       TEXT,          -- conservative | balanced | aggressive of that level
    lowest          INTEGER NOT NULL DEFAULT 0,
    valid_until     TEXT           -- of the latest assessment
);
-- Each list order has an index that yields it directly (no temp sort, cheap deep OFFSETs); the
-- two *_segment indexes cover the segment matrix (branch-wide and per manager).
CREATE INDEX customer_book_assets ON customer_book (total_assets DESC, customer_id);
CREATE INDEX customer_book_manager ON customer_book (manager_id, total_assets DESC, customer_id);
CREATE INDEX customer_book_tier ON customer_book (tier, total_assets DESC, customer_id);
CREATE INDEX customer_book_type ON customer_book (risk_type, total_assets DESC, customer_id);
CREATE INDEX customer_book_type_valid ON customer_book (risk_type, professional, valid_until); -- counts by type
CREATE INDEX customer_book_contribution ON customer_book (contribution DESC, customer_id);
CREATE INDEX customer_book_name ON customer_book (name_key, customer_id);
CREATE INDEX customer_book_segment ON customer_book (tier, professional, risk_type, valid_until, risk_level, total_assets);
CREATE INDEX customer_book_manager_segment
    ON customer_book (manager_id, tier, professional, risk_type, valid_until, risk_level, total_assets);
