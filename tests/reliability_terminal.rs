//! The terminal (issue 11, item 6): the TUI run in a pseudo-terminal gives the terminal back
//! (alternate screen left, raw mode off) on SIGTERM, SIGHUP, SIGINT and SIGQUIT and exits with
//! 128 + the signal; every screen draws at sizes from 1×1 to 300×100 without a panic.

mod tui_fixture;

use brokerdesk::tui::ScreenId;

const SCREENS: [ScreenId; 8] = [
    ScreenId::Today,
    ScreenId::Customers,
    ScreenId::Segments,
    ScreenId::Customer,
    ScreenId::Callbacks,
    ScreenId::Alerts,
    ScreenId::Audit,
    ScreenId::Allocate,
];

#[test]
fn every_screen_draws_at_any_size_from_1x1_to_300x100() {
    let s = tui_fixture::session();
    // every width and height at the small end (where layouts break), then a sample up to 300×100
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    for w in 1..=12 {
        for h in 1..=12 {
            sizes.push((w, h));
        }
    }
    for w in (13..=300).step_by(23) {
        for h in (13..=100).step_by(11) {
            sizes.push((w, h));
        }
    }
    sizes.extend([(300, 100), (300, 1), (1, 100), (80, 24), (79, 23), (120, 40), (200, 60)]);
    let started = std::time::Instant::now();
    let mut drawn = 0;
    for screen in SCREENS {
        for &(w, h) in &sizes {
            let text = brokerdesk::tui::render_to_string(&s, screen, w, h, None)
                .unwrap_or_else(|e| panic!("{screen:?} at {w}×{h}: {e}"));
            assert!(text.lines().count() <= h as usize, "{screen:?} at {w}×{h}");
            drawn += 1;
        }
    }
    assert_eq!(drawn, SCREENS.len() * sizes.len());
    assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
}

#[cfg(target_os = "linux")]
mod pty {
    use std::io::{Read, Write};
    use std::os::unix::process::ExitStatusExt;
    use std::path::Path;
    use std::process::{Command, Stdio};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    use rustix::process::{Pid, Signal, kill_process};
    use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
    use rustix::termios::{LocalModes, Winsize, tcgetattr, tcsetwinsize};

    const ENTER_ALT: &[u8] = b"\x1b[?1049h";
    const LEAVE_ALT: &[u8] = b"\x1b[?1049l";

    fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
        hay.windows(needle.len()).position(|w| w == needle)
    }

    fn wait_for(buf: &Mutex<Vec<u8>>, what: impl Fn(&[u8]) -> bool, limit: Duration) -> bool {
        let started = Instant::now();
        while started.elapsed() < limit {
            if what(&buf.lock().unwrap()) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    /// Runs the TUI on `db` in a new pseudo-terminal, sends `signal` once the first frame is
    /// drawn, and checks the terminal is given back and the exit code is 128 + signal.
    fn signal_restores(db: &Path, signal: Signal, number: i32) {
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).unwrap();
        grantpt(&master).unwrap();
        unlockpt(&master).unwrap();
        let name = ptsname(&master, Vec::new()).unwrap();
        let slave = std::fs::OpenOptions::new().read(true).write(true).open(name.to_str().unwrap()).unwrap();
        tcsetwinsize(&slave, Winsize { ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0 }).unwrap();
        let cooked = tcgetattr(&slave).unwrap().local_modes;
        assert!(cooked.contains(LocalModes::ICANON | LocalModes::ECHO));

        let dir = db.parent().unwrap();
        let config = dir.join("config.toml");
        std::fs::write(&config, "").unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_brokerdesk"))
            .args(["--db", db.to_str().unwrap(), "--today", super::tui_fixture::TODAY])
            .env("BROKERDESK_CONFIG", &config)
            .env("TERM", "xterm-256color")
            .stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave.try_clone().unwrap()))
            .spawn()
            .unwrap();
        let out = Arc::new(Mutex::new(Vec::new()));
        let mut reader = std::fs::File::from(master);
        let mut writer = reader.try_clone().unwrap();
        let sink = Arc::clone(&out);
        std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(n) = reader.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&chunk[..n]);
            }
        });
        // the first frame: alternate screen entered, the tab bar drawn
        let drawn = wait_for(
            &out,
            |b| find(b, ENTER_ALT).is_some() && find(b, "帮".as_bytes()).is_some(),
            Duration::from_secs(30),
        );
        assert!(drawn, "no first frame: {:?}", String::from_utf8_lossy(&out.lock().unwrap()));
        let raw = tcgetattr(&slave).unwrap().local_modes;
        assert!(!raw.contains(LocalModes::ICANON), "raw mode on while the TUI runs");
        let before = out.lock().unwrap().len();
        let _ = writer.flush();
        kill_process(Pid::from_child(&child), signal).unwrap();
        let started = Instant::now();
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break s;
            }
            assert!(started.elapsed() < Duration::from_secs(10), "still running after {signal:?}");
            std::thread::sleep(Duration::from_millis(20));
        };
        assert_eq!(status.code(), Some(128 + number), "{signal:?}: {status:?} (signal {:?})", status.signal());
        let left = wait_for(&out, |b| find(&b[before..], LEAVE_ALT).is_some(), Duration::from_secs(5));
        assert!(left, "{signal:?}: alternate screen not left");
        let after = tcgetattr(&slave).unwrap().local_modes;
        assert!(after.contains(LocalModes::ICANON | LocalModes::ECHO), "{signal:?}: raw mode left on");
    }

    #[test]
    fn sigterm_sighup_sigint_and_sigquit_give_the_terminal_back() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let (code, _, err) = super::tui_fixture::bd(&db, &["demo", "--customers", "40"]);
        assert_eq!(code, 0, "{err}");
        for (signal, number) in [(Signal::TERM, 15), (Signal::HUP, 1), (Signal::INT, 2), (Signal::QUIT, 3)] {
            signal_restores(&db, signal, number);
        }
    }
}
