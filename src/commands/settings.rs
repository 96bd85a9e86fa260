//! The settings a command runs with, resolved from the global options: the
//! connection's, the output style, and the notes, warnings and the error
//! that reach stderr.

use super::ui;
use crate::args::Global;
use crate::aws::client::{Settings, Sink};
use crate::aws::config::Overrides;
use crate::failure::{Failure, Warning};
use crate::output::message::Message;
use crate::output::render::Style;
use crate::output::stdio;

impl Global {
    pub fn settings(&self) -> Settings {
        Settings {
            overrides: Overrides {
                profile: self.profile.clone(),
                region: self.region.clone(),
                endpoint_url: self.endpoint_url.clone(),
                max_attempts: self.max_attempts,
            },
            connect_timeout: self.connect_timeout,
            read_timeout: self.read_timeout,
            warnings: if self.quiet {
                Sink::nowhere()
            } else {
                ui::say::sink()
            },
            trace: self.debug.then(ui::say::sink),
            ..Default::default()
        }
    }

    /// How tables and text are drawn, as [`Global::resolve`] settled it.
    pub fn style(&self) -> Style {
        self.style.clone()
    }

    /// Progress and other notes: stderr, unless --quiet.
    pub fn note(&self, message: &str) {
        if !self.quiet {
            stdio::say(&Message::info(message));
        }
    }

    /// A warning, with its code: stderr, unless --quiet.
    pub fn warn(&self, code: Warning, message: &str) {
        if !self.quiet {
            stdio::say(&Message::warning(code, message));
        }
    }
}

/// The error that ends the run, once, on stderr: escaped, with its causes
/// under --debug; it decides the exit code.
pub fn say_error(global: &Global, failure: &Failure) {
    stdio::say(&ui::say::error(global, failure).deciding(failure.exit_code()));
}
