//! The `glossator` binary: everything lives in the library.

/// Opening a 10,000-article project makes and frees millions of small strings; with
/// mimalloc, review's opening there takes a fifth to a third less processor time than with
/// the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    glossator::cli::main()
}
