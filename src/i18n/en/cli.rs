//! The command line's help texts in English, by key: `""` the program, `--db` a global option,
//! `demo` a command, `demo --customers` its option, `assess print customer` a positional
//! argument. `cli/localize.rs` puts them into the clap command; a key missing here keeps the
//! text written beside the option (and a test lists it).

/// (key, help text).
pub const HELP: &[(&str, &str)] = &[
    (
        "",
        "Terminal desk for a securities account manager: segmented customer book, callbacks, holding-risk alerts, suitability questionnaires",
    ),
    ("--db", "SQLite file (default: the platform data dir, e.g. ~/.local/share/brokerdesk/brokerdesk.db), or a branch's PostgreSQL book postgres://user@host:port/db (also from BROKERDESK_DB)"),
    ("--manager", "Act as this manager (客户经理编号): see only their book. Without it: the branch's supervisor"),
    ("--today", "Override today's date (China time) for reviews of a past day and for tests"),
    ("--lang", "UI language"),
    ("--rules", "A firm's own rules file (same shape as assets/rules.toml)"),
    ("--screen", "Screen the TUI opens at"),
    ("--customer", "Customer (资金账号) for `--screen customer`"),
    (
        "--questionnaire",
        "The interview's questionnaire (TOML, SPEC §4.1) for customers of its audience; else the config directory's questionnaires, else the embedded ones",
    ),
    ("demo", "Create or refresh the demo branch book from the embedded real market data"),
    ("demo --customers", "Number of customers (3,000 by default; 100,000 for branch-scale runs)"),
    ("demo --seed", "Generator seed: the same seed, size and --today give the same book"),
    ("render", "Draw one screen headless (same code as the TUI) and print it as text"),
    ("render --width", "Columns (drawn at most 1000 wide)"),
    ("render --height", "Rows (drawn at most 500 high)"),
    ("render --customer", "Customer (资金账号) for the customer screen (default: the first in the list)"),
    (
        "render --search",
        "Customers screen: the list as after typing `/TEXT` Enter (name, 资金账号, last 4 of the mobile)",
    ),
    ("render --sort", "Customers screen: the list as after `s` until sorted by KEY"),
    (
        "import",
        "Import a back-office export (CSV/TSV in UTF-8, GBK/GB18030 or UTF-16, or an Excel .xlsx/.xls workbook; English or Chinese headers; docs/import-formats.md). All-or-nothing: a file with any bad row is refused whole with every bad line listed, unless --skip-bad",
    ),
    ("import kind", "What the file holds"),
    ("import file", "The file to read"),
    ("import --encoding", "Force the encoding (utf-8, gbk, gb18030, utf-16le, utf-16be); detected when absent"),
    ("import --skip-bad", "Import the good rows and write the bad ones to a rejects file"),
    ("import --rejects", "Where --skip-bad writes the bad rows (default: <file stem>.rejects.csv beside the file)"),
    ("report", "Reports to stdout (plain text, or --format csv|json)"),
    (
        "report segments",
        "分级分类: customers and total assets per tier × risk type (20 rows); with `--axes`, per tier × segment of that axis (CSV header `axis,segment,tier,customers,total_assets_yuan,threshold`)",
    ),
    ("report segments --axes", "Another axis of SPEC §4.4 (thresholds: the branch medians)"),
    (
        "report callbacks",
        "回访: every open callback in scope, earliest due first (CSV header `customer_id,manager_id,due_on,reason,tries,overdue_days`)",
    ),
    (
        "report coverage",
        "回访覆盖率 (callback coverage), by the book at the start of the year: per manager who held the customer at any moment of the year, and for the branch (`ALL`, each customer once), the customers active at the start of the year (dormant excluded) and how many were reached that year (CSV header `manager_id,active_at_start,reached,share_pct,meets_10pct`)",
    ),
    ("report coverage --year", "The year (default: today's)"),
    (
        "report assessments",
        "The latest assessment per customer in scope (CSV header `customer_id,level,score,lowest,assessed_on,valid_until,state,source,manager_id`)",
    ),
    (
        "report alerts",
        "预警: every alert (history included). CSV header `customer_id,rule,severity,subject,status,first_seen,last_seen,message`",
    ),
    ("assess", "Questionnaire tools"),
    ("assess score", "Score a filled questionnaire without the TUI"),
    ("assess score --questionnaire", "Questionnaire definition (TOML, SPEC §4.1 format)"),
    (
        "assess score --answers",
        "One token per question in file order; a multi-select token lists its letters: \"A,C,B,AD,…\"",
    ),
    ("assess score --age", "Age in years (an age under 18 forces the lowest category)"),
    ("assess print", "The signable record of a customer's assessment (the latest, or --assessment ID)"),
    ("assess print customer", "Customer (资金账号)"),
    ("assess print --assessment", "Record id (UUID) of one of the customer's assessments"),
    ("assess print --output", "Write to FILE instead of stdout"),
    (
        "assess professional",
        "Record a professional-investor classification (SPEC §4.2) on the customer's request: ordinary → professional (the figures must meet the thresholds) or back to ordinary",
    ),
    ("assess professional customer", "Customer (资金账号)"),
    ("assess professional --to", "`professional` or `ordinary`"),
    ("assess professional --financial-assets", "Financial assets in yuan (金融资产)"),
    ("assess professional --income", "Average annual income over the last 3 years, yuan"),
    ("assess professional --net-assets", "Net assets in yuan (institutions)"),
    ("assess professional --years", "Years of investing or finance work"),
    ("assess professional --reason", "The customer's reason"),
    ("alerts", "Holding-risk alerts (SPEC §4.7)"),
    ("alerts run", "Evaluate every rule over the whole book in one transaction (also run after each import)"),
    (
        "export",
        "Export a view as CSV (UTF-8 with BOM) or XLSX: personal data masked unless --unmasked (supervisor only, audited); every export is written to the audit log",
    ),
    ("export --output", "The file to write (default: brokerdesk-<view>-<today>.<ext> in the current directory)"),
    ("export --unmasked", "Full ID numbers and mobiles (the supervisor only; written to the audit log)"),
    ("export --force", "Replace an existing file"),
    ("export --tier", "customers: only this tier (T1…T4)"),
    (
        "export --type",
        "customers: only this risk type (conservative, balanced, aggressive, professional, unassessed, or 保守型 …)",
    ),
    ("export --search", "customers: name, 资金账号 or last 4 digits of the mobile contains this"),
    (
        "export --axes",
        "segments: the matrix on another axis (abcd, growth, age, tenure, concentration, pnl), as `report segments --axes` gives it",
    ),
    (
        "allocate",
        "存量客户分配 (SPEC §4.8, supervisor only): move a departing manager's whole book (`--from M`, active and dormant customers) or one customer (`--customer ID`) to `--to`. Several receivers (`--to M2,M3`) require `--balance`: each customer, largest assets first, goes to the receiver with the lowest share of customers + assets + that tier. Prints the before/after table per manager (customers, assets 万, tiers T1/T2/T3/T4); --dry-run writes nothing; otherwise applies it in one transaction (a reassignment record and an audit row per customer; open callbacks and alerts follow the customer)",
    ),
    ("allocate --from", "The departing manager whose book moves"),
    ("allocate --customer", "One customer (资金账号) to move"),
    ("allocate --to", "The receiving manager(s), comma-separated"),
    ("allocate --balance", "Spread the customers over the receivers by count, assets and tier mix"),
    ("allocate --dry-run", "Show the proposal only; write nothing"),
    ("check", "Integrity check and migration state of the DB"),
    ("backup", "Backup to a new SQLite file PATH: a SQLite book's online backup (safe while the TUI runs), or from a PostgreSQL book what the signed-in role may read"),
    ("backup path", "Target file"),
    ("migrate", "Copy the SQLite book (--db) into an EMPTY PostgreSQL database in one transaction: the schema, every table, then every table counted on both sides (any difference rolls back)"),
    ("migrate --to", "The PostgreSQL database (postgres://user@host:port/database)"),
    ("roles", "PostgreSQL database roles (docs/branch-server.md)"),
    ("roles sync", "As the owner: one login role per manager (bd_ + lower-case id, e.g. bd_m03), bd_supervisor for the branch head, row-level security per manager, record tables INSERT-only. Sets no password (the DBA does)"),
    ("roles sync --pg", "The PostgreSQL book (postgres://owner@host:port/database); without it, the server book --db / BROKERDESK_DB names"),
];

/// clap's own fixed words, kept as clap writes them.
pub const CLAP_WORDS: &[(&str, &str)] = &[];
/// The help screens' own words.
pub const USAGE: &str = "Usage:";
pub const COMMANDS: &str = "Commands";
pub const OPTIONS: &str = "Options";
pub const ARGUMENTS: &str = "Arguments";
pub const HELP_FLAG: &str = "Print help";
pub const VERSION_FLAG: &str = "Print version";
pub const MORE_INFO: &str = "For more information, try '--help'.";
pub const OR: &str = " or ";
/// Why a `--today` value was refused (unused: English keeps clap's own reason).
pub const TODAY_RULE: &str = "YYYY-MM-DD with a year between 1990 and 2200";
/// Why a `demo --customers` value was refused (unused: English keeps clap's own reason).
pub const CUSTOMERS_RULE: &str = "a whole number between 1 and 5000000";
