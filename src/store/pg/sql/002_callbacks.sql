-- brokerdesk schema v2, PostgreSQL twin of src/store/sql/002_callbacks.sql: the callback plan
-- and the append-only call log (UUID v7 + installation).

CREATE TABLE callback_plans (
    id          TEXT COLLATE "C" PRIMARY KEY,
    customer_id TEXT COLLATE "C" NOT NULL REFERENCES customers (customer_id),
    reason      TEXT COLLATE "C" NOT NULL CHECK (reason IN ('routine', 'elderly_high_risk', 'new_account', 'level_changed', 'mismatch_confirmed')),
    routine     BIGINT NOT NULL CHECK (routine IN (0, 1)),
    trigger     TEXT COLLATE "C" NOT NULL DEFAULT '',
    due_on      TEXT COLLATE "C" NOT NULL,
    first_due_on TEXT COLLATE "C" NOT NULL,
    tries       BIGINT NOT NULL DEFAULT 0 CHECK (tries >= 0),
    status      TEXT COLLATE "C" NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
    planned_at  TEXT COLLATE "C" NOT NULL,
    closed_at   TEXT COLLATE "C",
    closed_by   TEXT COLLATE "C"
);
CREATE UNIQUE INDEX callback_plans_one_routine ON callback_plans (customer_id) WHERE status = 'open' AND routine = 1;
CREATE UNIQUE INDEX callback_plans_event ON callback_plans (customer_id, reason, trigger) WHERE routine = 0;
CREATE INDEX callback_plans_open ON callback_plans (status, first_due_on);
CREATE INDEX callback_plans_customer ON callback_plans (customer_id, status);

CREATE TABLE callback_logs (
    id              TEXT COLLATE "C" PRIMARY KEY,
    installation_id TEXT COLLATE "C" NOT NULL,
    plan_id         TEXT COLLATE "C" REFERENCES callback_plans (id),
    customer_id     TEXT COLLATE "C" NOT NULL REFERENCES customers (customer_id),
    manager_id      TEXT COLLATE "C" NOT NULL,
    logged_at       TEXT COLLATE "C" NOT NULL,
    called_on       TEXT COLLATE "C" NOT NULL,
    reason          TEXT COLLATE "C" NOT NULL,
    channel         TEXT COLLATE "C" NOT NULL CHECK (channel IN ('phone', 'wechat', 'in_person', 'sms')),
    outcome         TEXT COLLATE "C" NOT NULL CHECK (outcome IN ('reached', 'not_reached', 'refused', 'wrong_number')),
    try_no          BIGINT NOT NULL DEFAULT 1,
    note            TEXT COLLATE "C" NOT NULL DEFAULT '',
    next_on         TEXT COLLATE "C"
);
CREATE INDEX callback_logs_customer ON callback_logs (customer_id, called_on);
CREATE INDEX callback_logs_called ON callback_logs (called_on);
CREATE TRIGGER callback_logs_no_update BEFORE UPDATE ON callback_logs FOR EACH ROW
EXECUTE FUNCTION bd_refuse('callback logs are append-only: a logged call is never edited');
CREATE TRIGGER callback_logs_no_delete BEFORE DELETE ON callback_logs FOR EACH ROW
EXECUTE FUNCTION bd_refuse('callback logs are append-only: a logged call is never deleted');
-- (no REPLACE in PostgreSQL: an existing id is refused by the primary key)

INSERT INTO callback_plans (id, customer_id, reason, routine, trigger, due_on, first_due_on, tries, status, planned_at)
SELECT format('legacy-%s', id), customer_id,
       CASE WHEN reason IN ('routine', 'elderly_high_risk', 'new_account', 'level_changed', 'mismatch_confirmed')
            THEN reason ELSE 'routine' END,
       CASE WHEN reason IN ('new_account', 'level_changed', 'mismatch_confirmed') THEN 0 ELSE 1 END,
       CASE WHEN reason IN ('new_account', 'level_changed', 'mismatch_confirmed') THEN format('legacy-%s', id) ELSE '' END,
       due_on, due_on, tries, 'open', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
FROM callbacks WHERE status = 'open'
  AND id = (SELECT MIN(k.id) FROM callbacks k WHERE k.customer_id = callbacks.customer_id AND k.status = 'open');
DROP INDEX callbacks_open;
DROP INDEX callbacks_customer;
DROP TABLE callbacks;
