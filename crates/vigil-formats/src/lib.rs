//! Message readers: travel (PAXLST, MRZ, CSV manifests) and payments (ISO 20022, MT103).
//! Each turns a message into travellers or parties, screens them with `vigil-match` and
//! decides (travel verdicts, payment pass/hold).

pub mod payments;
pub mod text;
pub mod travel;
