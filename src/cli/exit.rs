//! The exit statuses of every command, named once.
//!
//! Scripts and schedulers read these: 0 done, 1 the input was bad or the
//! work failed (a message on stderr says which), 2 the command line itself
//! was wrong (as clap exits), 130 stopped by a signal (as shells report
//! Ctrl-C).

use std::process::ExitCode;

/// Why a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Done; warnings allowed.
    Success,
    /// An input was invalid, or the work failed; stderr says why.
    Failure,
    /// The command line was wrong: an unknown stairwell, no terminal for the
    /// dashboard.
    Usage,
    /// Stopped by SIGTERM, SIGHUP or SIGINT, with everything saved.
    Interrupted,
}

impl Status {
    /// The number the shell sees.
    #[must_use]
    pub const fn code(self) -> u8 {
        match self {
            Self::Success => 0,
            Self::Failure => 1,
            Self::Usage => 2,
            Self::Interrupted => 130,
        }
    }
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> Self {
        ExitCode::from(status.code())
    }
}
