-- brokerdesk schema v2: callbacks (回访, SPEC §4.6) as an open plan and an append-only call log.
--
-- callback_plans: what is due, derived from the rules and the log (re-derived idempotently after
-- imports, assessments and calls; its rows change status, never disappear). id = UUID v7.
-- callback_logs: every call a person logged; append-only (triggers), UUID v7 + installation.

CREATE TABLE callback_plans (
    id          TEXT PRIMARY KEY,          -- UUID v7
    customer_id TEXT NOT NULL REFERENCES customers (customer_id),
    reason      TEXT NOT NULL CHECK (reason IN ('routine', 'elderly_high_risk', 'new_account', 'level_changed', 'mismatch_confirmed')),
    routine     INTEGER NOT NULL CHECK (routine IN (0, 1)),
    trigger     TEXT NOT NULL DEFAULT '',  -- the event's key ('' for the routine callback)
    due_on      TEXT NOT NULL,             -- when to call (a "not reached" moves it to the next try)
    first_due_on TEXT NOT NULL,            -- when it first fell due: overdue days count from here
    tries       INTEGER NOT NULL DEFAULT 0 CHECK (tries >= 0),
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
    planned_at  TEXT NOT NULL,             -- instant the plan was made
    closed_at   TEXT,                      -- instant it was done or cancelled
    closed_by   TEXT                       -- the callback_logs.id that did it (NULL: cancelled by the rules)
) WITHOUT ROWID;
-- one open routine callback per customer; each event plans once
CREATE UNIQUE INDEX callback_plans_one_routine ON callback_plans (customer_id) WHERE status = 'open' AND routine = 1;
CREATE UNIQUE INDEX callback_plans_event ON callback_plans (customer_id, reason, trigger) WHERE routine = 0;
CREATE INDEX callback_plans_open ON callback_plans (status, first_due_on);
CREATE INDEX callback_plans_customer ON callback_plans (customer_id, status);

CREATE TABLE callback_logs (
    id              TEXT PRIMARY KEY,      -- UUID v7
    installation_id TEXT NOT NULL,
    plan_id         TEXT REFERENCES callback_plans (id),
    customer_id     TEXT NOT NULL REFERENCES customers (customer_id),
    manager_id      TEXT NOT NULL,         -- who logged it (the signed-in user)
    logged_at       TEXT NOT NULL,         -- instant, RFC 3339 UTC
    called_on       TEXT NOT NULL,         -- China date of the call
    reason          TEXT NOT NULL,         -- the plan's reason when logged ('' without a plan)
    channel         TEXT NOT NULL CHECK (channel IN ('phone', 'wechat', 'in_person', 'sms')),
    outcome         TEXT NOT NULL CHECK (outcome IN ('reached', 'not_reached', 'refused', 'wrong_number')),
    try_no          INTEGER NOT NULL DEFAULT 1,
    note            TEXT NOT NULL DEFAULT '',
    next_on         TEXT                   -- the next callback date the manager set, if any
) WITHOUT ROWID;
CREATE INDEX callback_logs_customer ON callback_logs (customer_id, called_on);
CREATE INDEX callback_logs_called ON callback_logs (called_on);
CREATE TRIGGER callback_logs_no_update BEFORE UPDATE ON callback_logs
BEGIN SELECT RAISE(ABORT, 'callback logs are append-only: a logged call is never edited'); END;
CREATE TRIGGER callback_logs_no_delete BEFORE DELETE ON callback_logs
BEGIN SELECT RAISE(ABORT, 'callback logs are append-only: a logged call is never deleted'); END;
-- a REPLACE would delete the old row without firing the DELETE trigger: refuse an existing id
CREATE TRIGGER callback_logs_no_replace BEFORE INSERT ON callback_logs
WHEN EXISTS (SELECT 1 FROM callback_logs WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'callback logs are append-only: this id is logged already'); END;

-- v1's callbacks table was never written by the app; carry any hand-made open rows over, then drop it.
INSERT INTO callback_plans (id, customer_id, reason, routine, trigger, due_on, first_due_on, tries, status, planned_at)
SELECT printf('legacy-%d', id), customer_id,
       CASE WHEN reason IN ('routine', 'elderly_high_risk', 'new_account', 'level_changed', 'mismatch_confirmed')
            THEN reason ELSE 'routine' END,
       CASE WHEN reason IN ('new_account', 'level_changed', 'mismatch_confirmed') THEN 0 ELSE 1 END,
       CASE WHEN reason IN ('new_account', 'level_changed', 'mismatch_confirmed') THEN printf('legacy-%d', id) ELSE '' END,
       due_on, due_on, tries, 'open', strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM callbacks WHERE status = 'open'
  AND id = (SELECT MIN(k.id) FROM callbacks k WHERE k.customer_id = callbacks.customer_id AND k.status = 'open');
DROP INDEX callbacks_open;
DROP INDEX callbacks_customer;
DROP TABLE callbacks;
