-- brokerdesk schema v3 (issue 5): assessments become self-contained, append-only records a person
-- makes (UUID v7 id + installation id, answers as shown, lowest-category cause, source and
-- confirmation); professional-investor classifications become records too; unfinished interviews
-- are kept as drafts (not records). Touches no callbacks/alerts table.

CREATE TABLE assessment_records (
    id                TEXT PRIMARY KEY,          -- UUID v7 (legacy rows: a random v4-shaped id)
    installation_id   TEXT NOT NULL,
    customer_id       TEXT NOT NULL REFERENCES customers (customer_id),
    questionnaire_id  TEXT NOT NULL,
    version           INTEGER NOT NULL,
    answers           TEXT NOT NULL,             -- the --answers form: A,C,B,AD,…
    answers_shown     TEXT NOT NULL DEFAULT '[]',-- JSON [domain::assessment::AnswerShown]: question and option text as shown
    score             INTEGER NOT NULL,
    level             TEXT NOT NULL CHECK (level IN ('C1', 'C2', 'C3', 'C4', 'C5')),
    lowest            INTEGER NOT NULL CHECK (lowest IN (0, 1)),
    lowest_cause      TEXT NOT NULL DEFAULT '',  -- which answer or fact forced the lowest category
    no_full_civil_capacity INTEGER NOT NULL DEFAULT 0 CHECK (no_full_civil_capacity IN (0, 1)),
    age_note          TEXT NOT NULL DEFAULT '',  -- why the pre-filled age answer was changed
    assessed_at       TEXT,                      -- instant (RFC 3339 UTC); NULL when unknown (imports)
    assessed_on       TEXT NOT NULL,             -- China date
    valid_until       TEXT NOT NULL,             -- last valid day, inclusive
    manager_id        TEXT REFERENCES managers (manager_id),
    source            TEXT NOT NULL CHECK (source IN ('interview', 'import')),
    confirmation      TEXT NOT NULL CHECK (confirmation IN ('in_person', 'on_paper')),
    previous_level    TEXT,                      -- the level before this one (NULL: first)
    reason            TEXT NOT NULL DEFAULT '',  -- the customer's reason for a changed level
    recorded_at       TEXT NOT NULL,
    FOREIGN KEY (questionnaire_id, version) REFERENCES questionnaires (id, version)
);

INSERT INTO assessment_records (id, installation_id, customer_id, questionnaire_id, version, answers, score, level,
    lowest, assessed_at, assessed_on, valid_until, manager_id, source, confirmation, recorded_at)
SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2)
       || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
       || '-' || lower(hex(randomblob(6))),
       coalesce((SELECT value FROM settings WHERE key = 'installation_id'), 'legacy'),
       customer_id, questionnaire_id, version, answers, score, level, lowest, NULL, assessed_on, valid_until,
       manager_id, 'import', 'on_paper', recorded_at
FROM assessments ORDER BY id;

DROP TABLE assessments;
ALTER TABLE assessment_records RENAME TO assessments;

CREATE INDEX assessments_customer ON assessments (customer_id, assessed_on, recorded_at);
-- an import's business key: the same (customer, questionnaire, version, date) is one paper form
CREATE UNIQUE INDEX assessments_import_key ON assessments (customer_id, questionnaire_id, version, assessed_on)
    WHERE source = 'import';
CREATE TRIGGER assessments_no_update BEFORE UPDATE ON assessments
BEGIN SELECT RAISE(ABORT, 'assessments are append-only: a finished assessment is never edited'); END;
CREATE TRIGGER assessments_no_delete BEFORE DELETE ON assessments
BEGIN SELECT RAISE(ABORT, 'assessments are append-only: a finished assessment is never deleted'); END;

-- Professional-investor classifications (SPEC §4.2): each conversion is a record with the
-- criterion met and the evidence figures; customers.investor_class follows the latest one.
CREATE TABLE professional_records (
    id               TEXT PRIMARY KEY,           -- UUID v7
    installation_id  TEXT NOT NULL,
    customer_id      TEXT NOT NULL REFERENCES customers (customer_id),
    conversion       TEXT NOT NULL CHECK (conversion IN ('to_professional', 'to_ordinary')),
    criterion        TEXT NOT NULL,
    financial_assets INTEGER NOT NULL DEFAULT 0, -- fen
    avg_income_3y    INTEGER NOT NULL DEFAULT 0, -- fen
    net_assets       INTEGER NOT NULL DEFAULT 0, -- fen
    experience_years INTEGER NOT NULL DEFAULT 0,
    reason           TEXT NOT NULL,
    decided_on       TEXT NOT NULL,              -- China date
    manager_id       TEXT REFERENCES managers (manager_id),
    recorded_at      TEXT NOT NULL
);
CREATE INDEX professional_records_customer ON professional_records (customer_id, decided_on);
CREATE TRIGGER professional_records_no_update BEFORE UPDATE ON professional_records
BEGIN SELECT RAISE(ABORT, 'professional classifications are append-only'); END;
CREATE TRIGGER professional_records_no_delete BEFORE DELETE ON professional_records
BEGIN SELECT RAISE(ABORT, 'professional classifications are append-only'); END;

-- An unfinished interview (at most one per customer): NOT a record, may be resumed or discarded.
CREATE TABLE assessment_drafts (
    customer_id      TEXT PRIMARY KEY REFERENCES customers (customer_id),
    questionnaire_id TEXT NOT NULL,
    version          INTEGER NOT NULL,
    state            TEXT NOT NULL,              -- JSON of the interview's answers so far
    manager_id       TEXT NOT NULL,
    saved_at         TEXT NOT NULL
);
