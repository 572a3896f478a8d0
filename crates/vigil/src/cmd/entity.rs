//! `vigil entity`: being written.

use crate::context::Context;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct EntityArgs {}

pub fn run(_ctx: &Context, _args: EntityArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`vigil entity` is not available yet")
}
