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

-- The book's change counter (PostgreSQL has no `PRAGMA data_version`): every statement that
-- changes a table of the book moves it, whoever runs it (the app, an import, psql). An open TUI
-- polls `last_value` each tick and drops its caches when it moved (issue 12: other managers'
-- writes show within a second). A sequence is outside transactions: a rolled-back write moves it
-- too (one needless refresh, never a missed one).
CREATE SEQUENCE bd_changes;
CREATE FUNCTION bd_touch() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    PERFORM nextval('bd_changes');
    RETURN NULL;
END $$;
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['managers', 'customers', 'account_snapshots', 'securities', 'prices', 'holdings',
        'orders', 'questionnaires', 'assessments', 'callbacks', 'alerts', 'audit_log', 'settings', 'import_runs',
        'customer_book', 'callback_plans', 'callback_logs', 'assessment_records', 'professional_records',
        'assessment_drafts', 'alert_actions', 'warning_confirmations', 'reassignments']
    LOOP
        IF to_regclass(t) IS NOT NULL THEN
            EXECUTE format('CREATE TRIGGER bd_touch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
                            FOR EACH STATEMENT EXECUTE FUNCTION bd_touch()', t);
        END IF;
    END LOOP;
END $$;
