//! `vigil lists`: being written.

use crate::context::Context;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ListsArgs {}

pub fn run(_ctx: &Context, _args: ListsArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`vigil lists` is not available yet")
}
