//! Where events come from, built to survive a terminal that goes away. Input is read on its
//! own thread (crossterm's `poll` spins for ever on a dead tty, crossterm#793), signals
//! (SIGTERM, SIGHUP, SIGINT, SIGQUIT) arrive through `signal_hook::iterator` on another, and the loop
//! waits on one channel with a timeout. A signal or a dead terminal stops the loop, which
//! then saves the work before the process ends.

use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};

/// What the loop gets next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    Event(Event),
    /// Nothing happened before the timeout.
    Idle,
    /// The session must end now (a signal, or the terminal is gone): save and leave.
    Stop(String),
}

/// Where events come from: the terminal, or a script in tests.
pub trait EventSource {
    fn next(&mut self, timeout: Duration) -> Next;

    /// Hands the terminal back to the shell until the user resumes us (`Ctrl-z`); false
    /// when that is not possible here.
    fn suspend(&mut self) -> bool {
        false
    }
}

enum Msg {
    Input(Event),
    Gone(String),
    Signal(i32),
}

/// The real terminal's events and the process's signals.
pub struct TerminalEvents {
    rx: Receiver<Msg>,
}

impl TerminalEvents {
    /// Starts the input and signal threads.
    pub fn start() -> std::io::Result<Self> {
        let (tx, rx) = channel();
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
        let sig_tx = tx.clone();
        std::thread::spawn(move || {
            for s in signals.forever() {
                if sig_tx.send(Msg::Signal(s)).is_err() {
                    break;
                }
            }
        });
        std::thread::spawn(move || {
            loop {
                match event::read() {
                    Ok(ev) => {
                        if tx.send(Msg::Input(ev)).is_err() {
                            break;
                        }
                    }
                    Err(e) => {
                        let _ = tx.send(Msg::Gone(e.to_string()));
                        break;
                    }
                }
            }
        });
        Ok(Self { rx })
    }
}

fn signal_name(s: i32) -> &'static str {
    match s {
        SIGTERM => "SIGTERM",
        SIGHUP => "SIGHUP (the terminal closed)",
        SIGINT => "SIGINT",
        SIGQUIT => "SIGQUIT",
        _ => "a signal",
    }
}

/// Whether this process leads its session: then nothing would resume it after a stop.
fn session_leader() -> bool {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return false;
    };
    // pid (comm) state ppid pgrp session ...; comm may hold spaces, so start after ')'.
    let pid = std::process::id().to_string();
    stat.rsplit_once(')')
        .is_some_and(|(_, rest)| rest.split_whitespace().nth(3) == Some(pid.as_str()))
}

impl EventSource for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> Next {
        match self.rx.recv_timeout(timeout) {
            Ok(Msg::Input(ev)) => Next::Event(ev),
            Ok(Msg::Signal(s)) => Next::Stop(signal_name(s).to_owned()),
            Ok(Msg::Gone(why)) => Next::Stop(format!("the terminal is gone ({why})")),
            Err(RecvTimeoutError::Timeout) => Next::Idle,
            Err(RecvTimeoutError::Disconnected) => Next::Stop("the input stopped".into()),
        }
    }

    fn suspend(&mut self) -> bool {
        if session_leader() {
            return false;
        }
        let mut out = std::io::stdout();
        let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen);
        let _ = disable_raw_mode();
        // Stops here until `fg`.
        let _ = signal_hook::low_level::raise(SIGTSTP);
        let _ = enable_raw_mode();
        let _ = execute!(out, EnterAlternateScreen, EnableMouseCapture);
        true
    }
}
