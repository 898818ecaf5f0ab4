//! Writes the man page, from the same clap definitions the binary uses, to
//! `$OUT_DIR/glossator.1`; `glossator man` prints it.

use std::path::PathBuf;

#[allow(dead_code)]
#[path = "src/cli/args.rs"]
mod args;

fn main() -> std::io::Result<()> {
    println!("cargo::rerun-if-changed=src/cli/args.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or(std::io::ErrorKind::NotFound)?);
    let cmd = <args::Cli as clap::CommandFactory>::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut page)?;
    std::fs::write(out.join("glossator.1"), page)
}
