//! The audit trail: every screening request is recorded (who, when, what, top results, list
//! versions). Handlers hand records to a writer thread that commits them in batches, so
//! auditing costs a channel send on the request path.

use std::path::Path;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread;
use vigil_store::{AuditRecord, Store};

pub struct AuditSink {
    sender: SyncSender<AuditRecord>,
}

/// Records waiting beyond this make requests wait (back-pressure) rather than drop records.
const QUEUE: usize = 65_536;
const BATCH: usize = 1_000;

impl AuditSink {
    pub fn start(data_dir: &Path) -> anyhow::Result<AuditSink> {
        let store = Store::open(data_dir)?;
        let (sender, receiver) = mpsc::sync_channel(QUEUE);
        thread::Builder::new().name("vigil-audit".into()).spawn(move || write_loop(store, receiver))?;
        Ok(AuditSink { sender })
    }

    /// Queues a record. Blocks only if the writer is far behind.
    pub fn record(&self, record: AuditRecord) {
        if self.sender.send(record).is_err() {
            tracing::error!("audit writer has stopped; a record was not written");
        }
    }
}

fn write_loop(mut store: Store, receiver: Receiver<AuditRecord>) {
    while let Ok(first) = receiver.recv() {
        let mut batch = vec![first];
        while batch.len() < BATCH {
            match receiver.try_recv() {
                Ok(record) => batch.push(record),
                Err(_) => break,
            }
        }
        if let Err(err) = store.append_audit(&batch) {
            tracing::error!("writing {} audit records failed: {err}", batch.len());
        }
    }
}
