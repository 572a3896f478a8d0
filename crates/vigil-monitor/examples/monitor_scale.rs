//! Measures monitoring at scale: N synthetic subjects (default 1,000,000; names from many
//! cultures, some in Arabic or Cyrillic script) stored in a fresh store holding the UN list
//! (shared data) as version 1; then a "daily change" version 2 (10 entities added, 10
//! changed) is imported and `after_import` re-screens the affected subjects.
//!
//! cargo run --release -p vigil-monitor --example monitor_scale -- [N]
//!
//! Prints the timings recorded in docs/benchmarks.md ("## Monitoring").

use std::path::PathBuf;
use std::time::Instant;
use vigil_core::{Entity, Name, NameKind, Schema};
use vigil_lists::{ListFormat, ParsedList};
use vigil_monitor::{after_import, MonitorOptions, SubjectCache};
use vigil_store::{Store, SubjectFields};

const GIVEN: &[&str] = &[
    "Muhammad",
    "Ahmed",
    "Ali",
    "Omar",
    "Fatima",
    "Aisha",
    "Hassan",
    "Yusuf",
    "Abdul Rahman",
    "Ibrahim",
    "Khalid",
    "Mariam",
    "Rahul",
    "Priya",
    "Sanjay",
    "Anil",
    "Deepa",
    "Arjun",
    "Wei",
    "Li",
    "Hiroshi",
    "Yuki",
    "Min-jun",
    "Seo-yeon",
    "Nguyen",
    "Thanh",
    "Ivan",
    "Olga",
    "Dmitri",
    "Natalia",
    "Sergei",
    "Anna",
    "John",
    "Mary",
    "James",
    "Patricia",
    "Robert",
    "Jennifer",
    "Michael",
    "Linda",
    "Carlos",
    "Maria",
    "José",
    "Lucía",
    "Juan",
    "Sofía",
    "Chidi",
    "Ngozi",
    "Kwame",
    "Amina",
    "Oluwaseun",
    "Thabo",
    "Mehmet",
    "Ayşe",
    "Mustafa",
    "Zeynep",
    "Reza",
    "Zahra",
    "Dariush",
    "Shirin",
    "Pierre",
    "Élodie",
    "Hans",
    "Greta",
    "Giuseppe",
    "Chiara",
    "Kofi",
    "Abebe",
    "Tendai",
    "Siddharth",
    "Farhan",
];
const FAMILY: &[&str] = &[
    "Khan",
    "Hussain",
    "Rahman",
    "Ahmadi",
    "Haddad",
    "Nasser",
    "Karimi",
    "Siddiqui",
    "Qureshi",
    "Sharma",
    "Patel",
    "Singh",
    "Gupta",
    "Iyer",
    "Chen",
    "Wang",
    "Zhang",
    "Liu",
    "Tanaka",
    "Suzuki",
    "Kim",
    "Park",
    "Tran",
    "Pham",
    "Ivanov",
    "Petrova",
    "Smirnov",
    "Kuznetsova",
    "Popov",
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Okafor",
    "Mensah",
    "Adeyemi",
    "Dlamini",
    "Mwangi",
    "Yilmaz",
    "Kaya",
    "Demir",
    "Hosseini",
    "Moradi",
    "Dubois",
    "Moreau",
    "Müller",
    "Schmidt",
    "Rossi",
    "Bianchi",
    "Nkosi",
    "Tesfaye",
    "Al-Masri",
    "Bakr",
    "O'Brien",
    "Kowalski",
    "Nowak",
    "Novak",
    "Horvat",
    "Papadopoulos",
    "Haddad",
    "Aziz",
];
const SCRIPT: &[&str] = &[
    "محمد أحمد",
    "علي حسن",
    "فاطمة الزهراء",
    "عبد الله يوسف",
    "Иван Петров",
    "Ольга Смирнова",
    "Дмитрий Попов",
    "Анна Кузнецова",
];

/// A small deterministic generator (xorshift64*): reproducible subjects without a crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

fn subject(rng: &mut Rng, i: usize) -> SubjectFields {
    let name = if rng.next() % 100 < 2 {
        rng.pick(SCRIPT).to_owned()
    } else if rng.next().is_multiple_of(4) {
        format!(
            "{} {} {}",
            rng.pick(GIVEN),
            rng.pick(GIVEN),
            rng.pick(FAMILY)
        )
    } else {
        format!("{} {}", rng.pick(GIVEN), rng.pick(FAMILY))
    };
    let birth = (!rng.next().is_multiple_of(3)).then(|| {
        format!(
            "{}-{:02}-{:02}",
            1940 + rng.next() % 65,
            1 + rng.next() % 12,
            1 + rng.next() % 28
        )
    });
    SubjectFields {
        id: format!("cust-{i}"),
        name,
        schema: Some("person".into()),
        birth_date: birth,
        nationality: None,
        id_number: None,
    }
}

fn shared_un() -> Option<PathBuf> {
    let dir = std::env::var_os("VIGIL_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    let path = dir.join("lists/un/consolidated-2026-02-27.xml");
    path.is_file().then_some(path)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let un = shared_un().ok_or("shared data not found: set VIGIL_SHARED_DATA")?;
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(dir.path())?;
    let v1 = vigil_lists::parse_path("un-sc", ListFormat::UnSc, &un)?;
    store.import(&v1)?;

    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let subjects: Vec<SubjectFields> = (0..n).map(|i| subject(&mut rng, i)).collect();
    let t = Instant::now();
    store.upsert_subjects("synthetic", &subjects)?;
    println!(
        "stored {n} subjects in {:.1} s (one transaction)",
        t.elapsed().as_secs_f64()
    );
    let db_bytes = std::fs::metadata(store.path())?.len();
    println!("store file: {:.0} MB", db_bytes as f64 / 1e6);

    // The daily change: 10 new designations with names subjects bear, 10 changed entries.
    let mut entities = v1.entities.clone();
    for (k, e) in entities
        .iter_mut()
        .filter(|e| e.schema == Schema::Person)
        .take(10)
        .enumerate()
    {
        e.add_name(Name::new(format!("Alias Number {k}"), NameKind::Alias));
    }
    for k in 0..10 {
        let name = format!(
            "{} {}",
            GIVEN[k * 7 % GIVEN.len()],
            FAMILY[k * 5 % FAMILY.len()]
        );
        entities.push(Entity::new(
            "un-sc",
            &format!("QDi.9{k:02}"),
            Schema::Person,
            &name,
        ));
    }
    let v2 = ParsedList {
        entities,
        sha256: "daily-change".into(),
        ..v1
    };
    let outcome = store.import(&v2)?;
    let options = MonitorOptions::default();

    // Cold: what a CLI import does (loads the lists and builds the subject index).
    let cache = SubjectCache::new();
    let t = Instant::now();
    let report = after_import(&mut store, &outcome, None, &cache, &options, "bench")?
        .ok_or("version 2 was not imported")?;
    println!(
        "cold (CLI) after_import: {:.1} s; {} added, {} changed; {} of {} subjects \
         re-screened; {} new alerts",
        t.elapsed().as_secs_f64(),
        report.added,
        report.changed,
        report.rescreened,
        report.subjects,
        report.new_alerts.len()
    );

    // Warm: the server keeps the subject index; a third version changes 20 more entries.
    let mut v3 = v2_clone_with_changes(&store)?;
    v3.sha256 = "next-day".into();
    let outcome = store.import(&v3)?;
    let t = Instant::now();
    let report = after_import(&mut store, &outcome, None, &cache, &options, "bench")?
        .ok_or("version 3 was not imported")?;
    println!(
        "warm (server, cached subject index) after_import: {:.1} s; {} of {} subjects \
         re-screened; {} new alerts",
        t.elapsed().as_secs_f64(),
        report.rescreened,
        report.subjects,
        report.new_alerts.len()
    );
    Ok(())
}

/// The current UN entities with 20 person entries given a new remark.
fn v2_clone_with_changes(store: &Store) -> Result<ParsedList, Box<dyn std::error::Error>> {
    let mut entities = store.current_entities_of("un-sc")?;
    for e in entities
        .iter_mut()
        .filter(|e| e.schema == Schema::Person)
        .skip(20)
        .take(20)
    {
        e.remarks = Some(format!(
            "{} (updated)",
            e.remarks.clone().unwrap_or_default()
        ));
    }
    Ok(ParsedList {
        source: "un-sc".into(),
        entities,
        file_date: None,
        sha256: String::new(),
        warnings: Vec::new(),
    })
}
