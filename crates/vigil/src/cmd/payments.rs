//! `vigil payments`: being written.

use crate::context::Context;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct PaymentsArgs {}

pub fn run(_ctx: &Context, _args: PaymentsArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`vigil payments` is not available yet")
}
