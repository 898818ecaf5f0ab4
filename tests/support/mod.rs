//! Runs the real binary in a pseudo-terminal and reads its screen through a terminal
//! emulator. Output is drained on a thread (a full PTY buffer would block the app), and
//! every wait is a screen predicate with a deadline, never a fixed sleep.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long any wait may take; CI machines are slow, so it is generous.
fn deadline() -> Duration {
    let ms = std::env::var("GLOSSATOR_TEST_WAIT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    Duration::from_millis(ms)
}

/// Copies the fixture `tests/fixtures/v1/<name>` into `dir` and returns the copy's path,
/// so a test never writes (or locks) the repository's files.
pub fn copy_fixture(dir: &Path, name: &str) -> String {
    let to = dir.join(name);
    std::fs::copy(format!("tests/fixtures/v1/{name}"), &to).unwrap();
    to.to_str().unwrap().to_owned()
}

pub struct PtySession {
    child: Box<dyn Child + Send + Sync>,
    writer: Option<Box<dyn Write + Send>>,
    screen: Arc<Mutex<vt100::Parser>>,
    master: Option<Box<dyn MasterPty + Send>>,
    /// Tells the reader thread to let go of its handle on the terminal.
    stop_reading: Arc<std::sync::atomic::AtomicBool>,
    reader: Option<thread::JoinHandle<()>>,
    size: PtySize,
}

impl PtySession {
    /// Starts glossator with `args`, its data folder in `data_dir`, at `cols` x `rows`.
    pub fn spawn(args: &[&str], data_dir: &Path, cols: u16, rows: u16) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let config = data_dir.join("config.ron");
        if !config.exists() {
            std::fs::write(&config, "()\n").unwrap();
        }
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_glossator"));
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("GLOSSATOR_DATA_DIR", data_dir);
        cmd.env("GLOSSATOR_CONFIG", &config);
        cmd.env("GLOSSATOR_ANNOTATOR", "tester");
        let child = pair.slave.spawn_command(cmd).expect("spawn glossator");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let size = |n| NonZeroU16::new(n).expect("non-zero size");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(size(rows), size(cols), 0)));
        let sink = Arc::clone(&screen);
        let stop_reading = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stop = Arc::clone(&stop_reading);
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
                if stop.load(std::sync::atomic::Ordering::SeqCst) {
                    break;
                }
            }
        });
        Self {
            child,
            writer: Some(writer),
            screen,
            master: Some(pair.master),
            stop_reading,
            reader: Some(reader),
            size: PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            },
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until `pred` holds for the screen text; panics with the screen if it never does.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let end = Instant::now() + deadline();
        loop {
            let text = self.contents();
            if pred(&text) {
                return text;
            }
            assert!(
                Instant::now() < end,
                "timed out waiting for {what}; screen:\n{text}"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_for_text(&self, needle: &str) -> String {
        self.wait_for(&format!("{needle:?}"), |s| s.contains(needle))
    }

    pub fn send(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    /// Closes the terminal under the running program, as closing its window or killing
    /// tmux does: every handle on the terminal's master side is closed, so the kernel hangs
    /// up the session. (The reader thread's handle goes last: a resize makes the program
    /// redraw, which wakes the reader to see that it must stop.)
    pub fn close_terminal(&mut self) {
        self.stop_reading
            .store(true, std::sync::atomic::Ordering::SeqCst);
        let mut bigger = self.size;
        bigger.cols += 1;
        if let Some(m) = &self.master {
            m.resize(bigger).unwrap();
        }
        if let Some(r) = self.reader.take() {
            let end = Instant::now() + deadline();
            while !r.is_finished() {
                assert!(Instant::now() < end, "the reader never woke up");
                thread::sleep(Duration::from_millis(10));
            }
            r.join().unwrap();
        }
        self.writer = None;
        self.master = None;
    }

    /// Whether the screen is back to the normal screen with a visible cursor.
    pub fn terminal_restored(&self) -> bool {
        let p = self.screen.lock().unwrap();
        !p.screen().alternate_screen() && !p.screen().hide_cursor()
    }

    /// Sends a signal by name (`TERM`, `HUP`, `KILL`) to the process, as `kill -NAME` does.
    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("a running child");
        let status = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} {pid} failed");
    }

    pub fn wait_exit(&mut self) -> ExitStatus {
        let end = Instant::now() + deadline();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < end,
                "glossator did not exit; screen:\n{}",
                self.contents()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for PtySession {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
