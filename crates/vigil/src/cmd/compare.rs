//! `vigil compare`: being written.

use crate::context::Context;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct CompareArgs {}

pub fn run(_ctx: &Context, _args: CompareArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`vigil compare` is not available yet")
}
