//! A closed pipe (`vigil lists diff un-sc | head`) ends a command quietly, whatever it was
//! printing and however: `println!` panics on it (Rust ignores SIGPIPE), `writeln!` returns
//! an error. Both end here, with no message and the shell's status for a closed pipe.

use std::any::Any;
use std::io;
use std::panic::{self, AssertUnwindSafe};

/// 128 + SIGPIPE, what a shell reports for a writer whose reader went away.
pub const CLOSED_PIPE_EXIT: u8 = 141;

/// Keeps the default panic message for every panic but `println!`'s on a closed pipe.
pub fn quiet_on_closed_pipe() {
    let default = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if !is_closed_pipe_panic(info.payload()) {
            default(info);
        }
    }));
}

/// Runs `command`; `None` when it stopped because its output pipe closed.
pub fn until_closed<T>(command: impl FnOnce() -> T) -> Option<T> {
    match panic::catch_unwind(AssertUnwindSafe(command)) {
        Ok(value) => Some(value),
        Err(payload) if is_closed_pipe_panic(payload.as_ref()) => None,
        Err(payload) => panic::resume_unwind(payload),
    }
}

/// Whether an error comes from writing to a closed pipe.
pub fn is_closed_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// `print!`'s panic: "failed printing to stdout: Broken pipe (os error 32)".
fn is_closed_pipe_panic(payload: &(dyn Any + Send)) -> bool {
    let message = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied());
    message.is_some_and(|m| m.starts_with("failed printing to std") && m.contains("Broken pipe"))
}
