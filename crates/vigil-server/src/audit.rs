//! The audit trail: every screening request is recorded (who, when, what, top results, list
//! versions). Handlers hand records to a writer thread that commits them in batches, so
//! auditing costs a channel send on the request path.

use std::path::Path;
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::thread;
use std::time::Duration;
use vigil_store::{AuditRecord, Store};

enum Message {
    Record(Box<AuditRecord>),
    /// Answered once everything queued before it is committed.
    Flush(Sender<()>),
}

pub struct AuditSink {
    sender: SyncSender<Message>,
}

/// Records waiting beyond this make requests wait (back-pressure) rather than drop records.
const QUEUE: usize = 65_536;
const BATCH: usize = 1_000;
/// How long a record may wait for others to share its transaction (a flush does not wait).
const LINGER: Duration = Duration::from_millis(20);

impl AuditSink {
    pub fn start(data_dir: &Path) -> anyhow::Result<AuditSink> {
        let store = Store::open(data_dir)?;
        let (sender, receiver) = mpsc::sync_channel(QUEUE);
        thread::Builder::new()
            .name("vigil-audit".into())
            .spawn(move || write_loop(store, receiver))?;
        Ok(AuditSink { sender })
    }

    /// Queues a record. Blocks only if the writer is far behind.
    pub fn record(&self, record: AuditRecord) {
        if self.sender.send(Message::Record(Box::new(record))).is_err() {
            tracing::error!("audit writer has stopped; a record was not written");
        }
    }

    /// Waits until every record queued so far is committed (at shutdown).
    pub fn flush(&self) {
        let (done, wait) = mpsc::channel();
        if self.sender.send(Message::Flush(done)).is_ok() {
            let _ = wait.recv();
        }
    }
}

fn write_loop(mut store: Store, receiver: Receiver<Message>) {
    let mut batch = Vec::with_capacity(BATCH);
    let mut waiting = Vec::new();
    let mut was_full = false;
    while let Ok(first) = receiver.recv() {
        take(first, &mut batch, &mut waiting);
        // Let records gather for LINGER, then take them all: under load, a transaction per
        // handful of records, and a wake-up of this thread per record (a receiver blocked on
        // the channel is woken by every send), cost ~15% of the server's CPU. After a full
        // batch more are surely waiting: no pause, so the writer keeps up with any rate.
        if batch.len() == 1 && !was_full {
            thread::sleep(LINGER);
        }
        while batch.len() < BATCH {
            match receiver.try_recv() {
                Ok(message) => take(message, &mut batch, &mut waiting),
                Err(_) => break,
            }
        }
        was_full = batch.len() >= BATCH;
        if !batch.is_empty() {
            if let Err(err) = store.append_audit(&batch) {
                tracing::error!("writing {} audit records failed: {err}", batch.len());
            }
            batch.clear();
        }
        for done in waiting.drain(..) {
            let _ = done.send(());
        }
    }
}

fn take(message: Message, batch: &mut Vec<AuditRecord>, waiting: &mut Vec<Sender<()>>) {
    match message {
        Message::Record(record) => batch.push(*record),
        Message::Flush(done) => waiting.push(done),
    }
}
