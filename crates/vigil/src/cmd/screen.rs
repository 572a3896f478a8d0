//! `vigil screen`: being written.

use crate::context::Context;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ScreenArgs {}

pub fn run(_ctx: &Context, _args: ScreenArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`vigil screen` is not available yet")
}
