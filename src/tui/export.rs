//! `e` on a list (客户, 分级分类, 回访, 预警): the rows shown, with the list's filters and sort,
//! written as XLSX (what a branch head opens) into the `exports/` folder beside the DB file, masked
//! and audited like `brokerdesk export` ([`crate::export::run`]). The one function a screen calls.

use std::path::PathBuf;

use anyhow::Context;

use super::screens::{Ctx, Outcome};
use crate::export::{ExportFormat, Options, Request};

/// The folder exports go to: `exports/` beside the DB file (the current directory's `exports/`
/// when the DB label has no folder).
pub fn exports_dir(ctx: &Ctx) -> PathBuf {
    let db = std::path::Path::new(&ctx.session.db_label);
    match db.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) => dir.join("exports"),
        None => PathBuf::from("exports"),
    }
}

/// Asks for `request` to be written as an XLSX file named `brokerdesk-<view>-<today>-<HHMMSS>.xlsx` (`-2`, `-3`, …
/// when that exists already) and says where it went: `已导出 123 行 → /path/file.xlsx`. Errors
/// (a refused export, a full disk, a busy DB) go to the status bar as errors.
pub fn export(_ctx: &Ctx, request: Request) -> anyhow::Result<Outcome> {
    // the work happens after the next frame shows 正在导出… (App::run_pending)
    Ok(Outcome::Export(request))
}

/// Writes `request` now (see [`export`]); the status message.
pub fn write(ctx: &Ctx, request: Request) -> anyhow::Result<Outcome> {
    let lang = ctx.lang();
    let now = crate::clock::now_on(ctx.today());
    let dir = exports_dir(ctx);
    let stamp = now.with_timezone(&crate::clock::china_offset()).format("%H%M%S");
    let stem = format!("brokerdesk-{}-{}-{stamp}", request.view().code(), ctx.today());
    std::fs::create_dir_all(&dir)
        .with_context(|| crate::i18n::Msg::Creating { path: dir.display().to_string() }.render(lang))?;
    let mut path = dir.join(format!("{stem}.xlsx"));
    for n in 2..100 {
        if !path.exists() {
            break;
        }
        path = dir.join(format!("{stem}-{n}.xlsx"));
    }
    let opts = Options { format: ExportFormat::Xlsx, path, unmasked: false, force: false, now };
    let w = crate::export::run(ctx.session, &request, &opts)
        .map_err(|e| e.context(tr!(lang, EXPORT_FAILED).to_string()))?;
    Ok(Outcome::Message(
        crate::i18n::Msg::Exported { rows: w.rows as u64, path: w.path.display().to_string() }.render(lang),
    ))
}
