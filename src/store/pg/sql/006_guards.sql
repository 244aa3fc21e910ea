-- brokerdesk schema v6, PostgreSQL twin of src/store/sql/006_guards.sql. SQLite's *_no_replace
-- triggers have no work here (PostgreSQL has no REPLACE: the primary keys and the partial unique
-- index assessments_import_key refuse a repeat); what remains is that a questionnaire version
-- assessments (or an interview in progress) refer to cannot be deleted. Beyond the triggers, the
-- roles `roles sync` makes get no UPDATE/DELETE grant on any record table at all.

CREATE FUNCTION bd_questionnaire_in_use() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM assessments WHERE questionnaire_id = OLD.id AND version = OLD.version)
       OR EXISTS (SELECT 1 FROM assessment_drafts WHERE questionnaire_id = OLD.id AND version = OLD.version) THEN
        RAISE EXCEPTION 'questionnaire versions are immutable: assessments refer to this one'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER questionnaires_no_delete BEFORE DELETE ON questionnaires FOR EACH ROW
EXECUTE FUNCTION bd_questionnaire_in_use();
