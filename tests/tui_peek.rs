mod tui_fixture;
use brokerdesk::tui::{ScreenId, app::App, draw_to_string};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;

#[test]
#[ignore]
fn peek() {
    let s = match std::env::var("UI_LANG").as_deref() {
        Ok("en") => tui_fixture::session_as("M00", brokerdesk::session::Lang::En),
        _ => tui_fixture::session(),
    };
    let w: u16 = std::env::var("W").ok().and_then(|v| v.parse().ok()).unwrap_or(80);
    let h: u16 = std::env::var("H").ok().and_then(|v| v.parse().ok()).unwrap_or(24);
    let screen = std::env::var("SCREEN").map(|v| ScreenId::parse(&v).unwrap()).unwrap_or(ScreenId::Customers);
    let cust = std::env::var("CUST").ok();
    let mut app = App::new(&s, screen, cust.as_deref()).unwrap();
    app.sync(&s, Size::new(w, h)).unwrap();
    for k in std::env::var("KEYS").unwrap_or_default().split(' ').filter(|k| !k.is_empty()) {
        let code = match k {
            "Enter" => KeyCode::Enter, "Esc" => KeyCode::Esc, "Right" => KeyCode::Right, "Down" => KeyCode::Down,
            "Tab" => KeyCode::Tab, "PgDn" => KeyCode::PageDown,
            c => KeyCode::Char(c.chars().next().unwrap()),
        };
        app.press(&s, KeyEvent::new(code, KeyModifiers::NONE)).unwrap();
    }
    println!("{}", draw_to_string(&app, &s, w, h));
}

/// Interactive run on the fixture (in a real terminal): `cargo test --test tui_peek -- --ignored interactive --nocapture`
#[test]
#[ignore]
fn interactive() {
    let s = tui_fixture::session();
    brokerdesk::tui::run(s, ScreenId::Customers, None).unwrap();
}

/// Timings on a demo book: `N=100000 cargo test --release --test tui_peek -- --ignored scale --nocapture`
#[test]
#[ignore]
fn scale() {
    use std::time::Instant;
    let n: usize = std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(3000);
    let path = std::path::PathBuf::from(format!("/tmp/bd-scale-{n}.db"));
    let opts = brokerdesk::demo::DemoOptions { customers: n, ..Default::default() };
    if !path.exists() {
        let t = Instant::now();
        let mut conn = brokerdesk::store::open(&path).unwrap();
        brokerdesk::demo::build(&mut conn, &opts).unwrap();
        println!("demo build {n}: {:?}", t.elapsed());
    }
    let conn = brokerdesk::store::open(&path).unwrap();
    let user = brokerdesk::store::managers::first_supervisor(&conn).unwrap().unwrap_or_else(|| brokerdesk::store::managers::list(&conn).unwrap()[0].clone());
    let s = brokerdesk::session::Session {
        conn,
        db_label: path.display().to_string(),
        today: opts.today,
        user,
        scope: brokerdesk::store::book::Scope::Branch,
        rules: brokerdesk::domain::rules::Rules::defaults(),
        lang: brokerdesk::session::Lang::Zh,
    };
    let size = Size::new(160, 48);
    let t = Instant::now();
    let mut app = App::new(&s, ScreenId::Customers, None).unwrap();
    app.sync(&s, size).unwrap();
    let _ = draw_to_string(&app, &s, 160, 48);
    println!("first screen (new + sync + draw): {:?}", t.elapsed());
    let mut time = |label: &str, keys: &[KeyEvent]| {
        let t = Instant::now();
        for k in keys {
            app.press(&s, *k).unwrap();
        }
        let _ = draw_to_string(&app, &s, 160, 48);
        println!("{label}: {:?} ({} keys)", t.elapsed(), keys.len());
    };
    let k = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    time("j ×100 (scrolling)", &vec![k('j'); 100]);
    time("PgDn", &[KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE)]);
    time("G (end)", &[k('G')]);
    time("g (top)", &[k('g')]);
    time("f → tier T1", &[k('f'), KeyEvent::new(KeyCode::Right, KeyModifiers::NONE)]);
    time("→ tier T2", &[KeyEvent::new(KeyCode::Right, KeyModifiers::NONE)]);
    time("close, c clear", &[KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE), k('c')]);
    time("/ 王", &[k('/'), k('王')]);
    time("Esc", &[KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)]);
    time("s sort by name", &[k('s'), k('s'), k('s')]);
    time("Enter detail", &[KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)]);
    time("Esc, 2 segments", &[KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE), k('2')]);
    time("m scope", &[k('m')]);
    time("m scope", &[k('m')]);
}
