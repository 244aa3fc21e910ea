-- brokerdesk schema v6 (issue 11): every append-only table refuses UPDATE, DELETE and a REPLACE
-- (REPLACE deletes the conflicting row without firing a DELETE trigger, so a BEFORE INSERT trigger
-- refuses an existing key instead); a questionnaire version that assessments (or an interview in
-- progress) refer to cannot be deleted or replaced. `store::guards::EXPECTED` lists these
-- triggers; `brokerdesk check` reports any that is missing.

-- assessments: the record id, the row number, or the import key (one row per customer,
-- questionnaire version and date for imported rows)
CREATE TRIGGER assessments_no_replace BEFORE INSERT ON assessments
WHEN EXISTS (SELECT 1 FROM assessments WHERE id = NEW.id OR rowid = NEW.rowid)
  OR (NEW.source = 'import' AND EXISTS (SELECT 1 FROM assessments WHERE source = 'import'
      AND customer_id = NEW.customer_id AND questionnaire_id = NEW.questionnaire_id
      AND version = NEW.version AND assessed_on = NEW.assessed_on))
BEGIN SELECT RAISE(ABORT, 'assessments are append-only: this assessment is recorded already'); END;

CREATE TRIGGER questionnaires_no_delete BEFORE DELETE ON questionnaires
WHEN EXISTS (SELECT 1 FROM assessments WHERE questionnaire_id = OLD.id AND version = OLD.version)
  OR EXISTS (SELECT 1 FROM assessment_drafts WHERE questionnaire_id = OLD.id AND version = OLD.version)
BEGIN SELECT RAISE(ABORT, 'questionnaire versions are immutable: assessments refer to this one'); END;
CREATE TRIGGER questionnaires_no_replace BEFORE INSERT ON questionnaires
WHEN EXISTS (SELECT 1 FROM questionnaires WHERE (id = NEW.id AND version = NEW.version) OR rowid = NEW.rowid)
BEGIN SELECT RAISE(ABORT, 'questionnaire versions are immutable: this version is stored already'); END;

CREATE TRIGGER professional_records_no_replace BEFORE INSERT ON professional_records
WHEN EXISTS (SELECT 1 FROM professional_records WHERE id = NEW.id OR rowid = NEW.rowid)
BEGIN SELECT RAISE(ABORT, 'professional classifications are append-only: this id is recorded already'); END;

CREATE TRIGGER alert_actions_no_replace BEFORE INSERT ON alert_actions
WHEN EXISTS (SELECT 1 FROM alert_actions WHERE id = NEW.id OR rowid = NEW.rowid)
BEGIN SELECT RAISE(ABORT, 'alert actions are append-only: this id is recorded already'); END;

CREATE TRIGGER warning_confirmations_no_replace BEFORE INSERT ON warning_confirmations
WHEN EXISTS (SELECT 1 FROM warning_confirmations WHERE id = NEW.id OR rowid = NEW.rowid)
BEGIN SELECT RAISE(ABORT, 'signed warning confirmations are append-only: this id is recorded already'); END;
