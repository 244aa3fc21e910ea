-- brokerdesk schema v3, PostgreSQL twin of src/store/sql/003_assessment_records.sql: assessments
-- become append-only records (UUID v7 + installation); professional-investor classifications;
-- interview drafts.

CREATE TABLE assessment_records (
    id                TEXT COLLATE "C" PRIMARY KEY,
    installation_id   TEXT COLLATE "C" NOT NULL,
    customer_id       TEXT COLLATE "C" NOT NULL REFERENCES customers (customer_id),
    questionnaire_id  TEXT COLLATE "C" NOT NULL,
    version           BIGINT NOT NULL,
    answers           TEXT COLLATE "C" NOT NULL,
    answers_shown     TEXT COLLATE "C" NOT NULL DEFAULT '[]',
    score             BIGINT NOT NULL,
    level             TEXT COLLATE "C" NOT NULL CHECK (level IN ('C1', 'C2', 'C3', 'C4', 'C5')),
    lowest            BIGINT NOT NULL CHECK (lowest IN (0, 1)),
    lowest_cause      TEXT COLLATE "C" NOT NULL DEFAULT '',
    no_full_civil_capacity BIGINT NOT NULL DEFAULT 0 CHECK (no_full_civil_capacity IN (0, 1)),
    age_note          TEXT COLLATE "C" NOT NULL DEFAULT '',
    assessed_at       TEXT COLLATE "C",
    assessed_on       TEXT COLLATE "C" NOT NULL,
    valid_until       TEXT COLLATE "C" NOT NULL,
    manager_id        TEXT COLLATE "C" REFERENCES managers (manager_id),
    source            TEXT COLLATE "C" NOT NULL CHECK (source IN ('interview', 'import')),
    confirmation      TEXT COLLATE "C" NOT NULL CHECK (confirmation IN ('in_person', 'on_paper')),
    previous_level    TEXT COLLATE "C",
    reason            TEXT COLLATE "C" NOT NULL DEFAULT '',
    recorded_at       TEXT COLLATE "C" NOT NULL,
    FOREIGN KEY (questionnaire_id, version) REFERENCES questionnaires (id, version)
);

INSERT INTO assessment_records (id, installation_id, customer_id, questionnaire_id, version, answers, score, level,
    lowest, assessed_at, assessed_on, valid_until, manager_id, source, confirmation, recorded_at)
SELECT gen_random_uuid()::text,
       coalesce((SELECT value FROM settings WHERE key = 'installation_id'), 'legacy'),
       customer_id, questionnaire_id, version, answers, score, level, lowest, NULL, assessed_on, valid_until,
       manager_id, 'import', 'on_paper', recorded_at
FROM assessments ORDER BY id;

DROP TABLE assessments;
ALTER TABLE assessment_records RENAME TO assessments;
ALTER TABLE assessments RENAME CONSTRAINT assessment_records_pkey TO assessments_pkey;

CREATE INDEX assessments_customer ON assessments (customer_id, assessed_on, recorded_at);
CREATE UNIQUE INDEX assessments_import_key ON assessments (customer_id, questionnaire_id, version, assessed_on)
    WHERE source = 'import';
CREATE TRIGGER assessments_no_update BEFORE UPDATE ON assessments FOR EACH ROW
EXECUTE FUNCTION bd_refuse('assessments are append-only: a finished assessment is never edited');
CREATE TRIGGER assessments_no_delete BEFORE DELETE ON assessments FOR EACH ROW
EXECUTE FUNCTION bd_refuse('assessments are append-only: a finished assessment is never deleted');

CREATE TABLE professional_records (
    id               TEXT COLLATE "C" PRIMARY KEY,
    installation_id  TEXT COLLATE "C" NOT NULL,
    customer_id      TEXT COLLATE "C" NOT NULL REFERENCES customers (customer_id),
    conversion       TEXT COLLATE "C" NOT NULL CHECK (conversion IN ('to_professional', 'to_ordinary')),
    criterion        TEXT COLLATE "C" NOT NULL,
    financial_assets BIGINT NOT NULL DEFAULT 0,
    avg_income_3y    BIGINT NOT NULL DEFAULT 0,
    net_assets       BIGINT NOT NULL DEFAULT 0,
    experience_years BIGINT NOT NULL DEFAULT 0,
    reason           TEXT COLLATE "C" NOT NULL,
    decided_on       TEXT COLLATE "C" NOT NULL,
    manager_id       TEXT COLLATE "C" REFERENCES managers (manager_id),
    recorded_at      TEXT COLLATE "C" NOT NULL
);
CREATE INDEX professional_records_customer ON professional_records (customer_id, decided_on);
CREATE TRIGGER professional_records_no_update BEFORE UPDATE ON professional_records FOR EACH ROW
EXECUTE FUNCTION bd_refuse('professional classifications are append-only');
CREATE TRIGGER professional_records_no_delete BEFORE DELETE ON professional_records FOR EACH ROW
EXECUTE FUNCTION bd_refuse('professional classifications are append-only');

CREATE TABLE assessment_drafts (
    customer_id      TEXT COLLATE "C" PRIMARY KEY REFERENCES customers (customer_id),
    questionnaire_id TEXT COLLATE "C" NOT NULL,
    version          BIGINT NOT NULL,
    state            TEXT COLLATE "C" NOT NULL,
    manager_id       TEXT COLLATE "C" NOT NULL,
    saved_at         TEXT COLLATE "C" NOT NULL
);
