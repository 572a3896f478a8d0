//! `vigil travel`: being written.

use crate::context::Context;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct TravelArgs {}

pub fn run(_ctx: &Context, _args: TravelArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`vigil travel` is not available yet")
}
