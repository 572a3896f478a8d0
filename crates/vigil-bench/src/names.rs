//! Generators of realistic names of people and firms that are on no list: the negatives of
//! the accuracy benchmark and the corpus of the synthetic speed benchmark.
//!
//! Hand-written given and family names per culture, combined at random. Screening traffic is
//! mostly ordinary customers whose names share words with listed names (Mohammed, Ali, Khan,
//! Trading, Company), so the "hard" generator deliberately combines the commonest Muslim
//! given names with the commonest family names.

use crate::rng::Rng;

struct Culture {
    given: &'static [&'static str],
    family: &'static [&'static str],
    /// Words firms of this culture are named after (places, virtues, founders' names).
    firm_words: &'static [&'static str],
    legal_forms: &'static [&'static str],
    /// Family names take a feminine form after a woman's given name (Russian Ivanov /
    /// Ivanova; the women's given names here end in -a).
    gendered_family: bool,
}

const ARABIC: Culture = Culture {
    gendered_family: false,
    given: &[
        "Ahmed", "Mohammed", "Ali", "Omar", "Khalid", "Youssef", "Hassan", "Ibrahim", "Mustafa",
        "Abdullah", "Tariq", "Karim", "Nabil", "Samir", "Walid", "Fadi", "Rami", "Ziad", "Bilal",
        "Hamza", "Fatima", "Aisha", "Mariam", "Layla", "Nour", "Rania", "Huda", "Salma", "Yasmin",
        "Amira", "Faisal", "Majid", "Saeed", "Jamal", "Adel",
    ],
    family: &[
        "Haddad", "Khoury", "Nasser", "Saleh", "Mansour", "Hamdan", "Al-Masri", "Al-Sayed",
        "Abboud", "Darwish", "Farouk", "Ghanem", "Habib", "Jaber", "Kassem", "Mahfouz", "Najjar",
        "Qasim", "Rashid", "Sabbagh", "Tamimi", "Yassin", "Zaki", "Al-Amin", "Barakat", "Haddadin",
        "Shami", "Awad", "Hijazi", "Suleiman",
    ],
    firm_words: &[
        "Al Noor",
        "Al Amal",
        "Al Baraka",
        "Gulf Star",
        "Nile",
        "Cedar",
        "Oasis",
        "Al Waha",
        "Desert Rose",
        "Al Fajr",
        "Falcon",
        "Pearl",
    ],
    legal_forms: &[
        "LLC",
        "Trading LLC",
        "FZE",
        "Co. W.L.L.",
        "Establishment",
        "SAL",
    ],
};

const SOUTH_ASIAN: Culture = Culture {
    gendered_family: false,
    given: &[
        "Imran", "Asif", "Bilal", "Faisal", "Zubair", "Usman", "Adnan", "Kamran", "Naveed",
        "Rajesh", "Suresh", "Anil", "Vikram", "Arjun", "Rahul", "Sanjay", "Priya", "Anjali",
        "Sunita", "Ayesha", "Sana", "Farhan", "Sohail", "Waqar", "Shahid", "Amit", "Deepak",
        "Ravi", "Nitin", "Pooja", "Kavita", "Rohan", "Tanvir", "Rafiq",
    ],
    family: &[
        "Sharma",
        "Patel",
        "Gupta",
        "Singh",
        "Reddy",
        "Iyer",
        "Nair",
        "Chaudhry",
        "Butt",
        "Qureshi",
        "Siddiqui",
        "Malik",
        "Mirza",
        "Hashmi",
        "Rizvi",
        "Bhatti",
        "Awan",
        "Chatterjee",
        "Banerjee",
        "Mehta",
        "Joshi",
        "Kapoor",
        "Verma",
        "Rahman",
        "Hossain",
        "Chowdhury",
        "Talukdar",
        "Ansari",
        "Sheikh",
        "Rana",
    ],
    firm_words: &[
        "Sunrise", "Lotus", "Indus", "Ganga", "Himalaya", "Crescent", "Shalimar", "Taj", "Punjab",
        "Bengal", "Mehran", "Karachi",
    ],
    legal_forms: &[
        "Pvt Ltd",
        "Private Limited",
        "Limited",
        "& Sons",
        "Enterprises",
    ],
};

const PERSIAN: Culture = Culture {
    gendered_family: false,
    given: &[
        "Reza", "Mehdi", "Hossein", "Ali", "Amir", "Dariush", "Farhad", "Kourosh", "Babak",
        "Navid", "Saeed", "Parisa", "Shirin", "Maryam", "Nasrin", "Leila", "Roya", "Arash",
        "Kaveh", "Omid", "Behnam", "Majid", "Hamid", "Masoud", "Soheil", "Ladan", "Mahnaz",
    ],
    family: &[
        "Tehrani",
        "Rostami",
        "Karimi",
        "Hosseini",
        "Moradi",
        "Rahimi",
        "Jafari",
        "Ahmadi",
        "Sadeghi",
        "Ghorbani",
        "Shirazi",
        "Esfahani",
        "Farahani",
        "Kazemi",
        "Nazari",
        "Azizi",
        "Bagheri",
        "Mohammadi",
        "Najafi",
        "Zand",
        "Kermani",
        "Yazdani",
    ],
    firm_words: &[
        "Pars",
        "Alborz",
        "Zagros",
        "Caspian",
        "Persepolis",
        "Arya",
        "Kish",
        "Simorgh",
        "Golestan",
        "Damavand",
    ],
    legal_forms: &["Co.", "Company", "Group", "Industries", "Trading Co."],
};

const RUSSIAN: Culture = Culture {
    gendered_family: true,
    given: &[
        "Alexei",
        "Dmitry",
        "Sergei",
        "Ivan",
        "Nikolai",
        "Mikhail",
        "Andrei",
        "Vladimir",
        "Pavel",
        "Oleg",
        "Yuri",
        "Igor",
        "Anna",
        "Olga",
        "Elena",
        "Natalia",
        "Tatiana",
        "Irina",
        "Svetlana",
        "Ekaterina",
        "Maxim",
        "Artem",
        "Konstantin",
        "Boris",
        "Ruslan",
    ],
    family: &[
        "Ivanov",
        "Smirnov",
        "Kuznetsov",
        "Popov",
        "Vasiliev",
        "Petrov",
        "Sokolov",
        "Mikhailov",
        "Novikov",
        "Fedorov",
        "Morozov",
        "Volkov",
        "Alekseev",
        "Lebedev",
        "Semenov",
        "Egorov",
        "Pavlov",
        "Kozlov",
        "Stepanov",
        "Nikolaev",
        "Orlov",
        "Zaitsev",
    ],
    firm_words: &[
        "Volga",
        "Ural",
        "Sibir",
        "Baltika",
        "Neva",
        "Taiga",
        "Severstal",
        "Amur",
        "Zvezda",
        "Kama",
        "Don",
    ],
    legal_forms: &["OOO", "AO", "PAO", "ZAO", "LLC"],
};

const CHINESE: Culture = Culture {
    gendered_family: false,
    given: &[
        "Wei", "Fang", "Lei", "Jing", "Min", "Jun", "Yan", "Hui", "Xiaoming", "Jianguo", "Lihua",
        "Zhiqiang", "Xiuying", "Guoqiang", "Haiyan", "Yong", "Qiang", "Ping", "Tao", "Mei", "Chen",
        "Hao", "Yi", "Bo", "Xin",
    ],
    family: &[
        "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun",
        "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Luo", "Gao", "Zheng", "Liang",
    ],
    firm_words: &[
        "Shanghai Huaxin",
        "Shenzhen Jinda",
        "Guangzhou Tianli",
        "Beijing Hengtai",
        "Ningbo Haitong",
        "Xiamen Dongfang",
        "Tianjin Ruifeng",
        "Hangzhou Meida",
        "Qingdao Longsheng",
        "Wuhan Kaiyuan",
    ],
    legal_forms: &[
        "Co., Ltd.",
        "Co Ltd",
        "Limited",
        "Group Co., Ltd.",
        "Industrial Co., Ltd.",
    ],
};

const HISPANIC: Culture = Culture {
    gendered_family: false,
    given: &[
        "Jose",
        "Juan",
        "Luis",
        "Carlos",
        "Jorge",
        "Miguel",
        "Pedro",
        "Alejandro",
        "Diego",
        "Fernando",
        "Ricardo",
        "Maria",
        "Ana",
        "Lucia",
        "Carmen",
        "Sofia",
        "Isabel",
        "Elena",
        "Gabriela",
        "Valentina",
        "Javier",
        "Andres",
        "Pablo",
        "Raul",
        "Sergio",
    ],
    family: &[
        "Garcia",
        "Rodriguez",
        "Martinez",
        "Hernandez",
        "Lopez",
        "Gonzalez",
        "Perez",
        "Sanchez",
        "Ramirez",
        "Torres",
        "Flores",
        "Rivera",
        "Gomez",
        "Diaz",
        "Morales",
        "Ortiz",
        "Castillo",
        "Jimenez",
        "Vargas",
        "Romero",
        "Alvarez",
        "Mendoza",
    ],
    firm_words: &[
        "Grupo Andino",
        "Inversiones del Sur",
        "Transportes Rapidos",
        "Agricola Santa Rosa",
        "Constructora Pacifico",
        "Distribuidora Central",
        "Ferreteria El Sol",
        "Textiles Aurora",
        "Comercial La Estrella",
        "Pesquera Austral",
    ],
    legal_forms: &["S.A.", "S.A. de C.V.", "S.R.L.", "Ltda.", "S.L."],
};

const AFRICAN: Culture = Culture {
    gendered_family: false,
    given: &[
        "Chinedu",
        "Oluwaseun",
        "Emeka",
        "Ngozi",
        "Adebayo",
        "Chiamaka",
        "Tunde",
        "Kwame",
        "Kofi",
        "Ama",
        "Abena",
        "Juma",
        "Baraka",
        "Wanjiru",
        "Otieno",
        "Thabo",
        "Sipho",
        "Lerato",
        "Amani",
        "Zainab",
        "Musa",
        "Halima",
        "Abdi",
        "Hodan",
        "Tesfaye",
        "Almaz",
    ],
    family: &[
        "Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Mensah", "Owusu", "Boateng", "Kamau",
        "Mwangi", "Ochieng", "Nkosi", "Dlamini", "Mokoena", "Diallo", "Traore", "Keita", "Toure",
        "Warsame", "Farah", "Bekele", "Tadesse", "Abubakar", "Bello",
    ],
    firm_words: &[
        "Lagos Agro",
        "Savannah",
        "Kilimanjaro",
        "Zambezi",
        "Sahel",
        "Ashanti Gold",
        "Rift Valley",
        "Kalahari",
        "Niger Delta",
        "Table Mountain",
    ],
    legal_forms: &[
        "Limited",
        "Ventures Ltd",
        "(Pty) Ltd",
        "Nigeria Limited",
        "PLC",
    ],
};

const EUROPEAN: Culture = Culture {
    gendered_family: false,
    given: &[
        "John", "James", "Michael", "David", "Thomas", "Peter", "Paul", "Mark", "Sarah", "Emma",
        "Laura", "Claire", "Hans", "Klaus", "Stefan", "Jurgen", "Pierre", "Jean", "Francois",
        "Luc", "Marco", "Giuseppe", "Luca", "Giulia", "Anke", "Sophie", "Lars", "Erik", "Jan",
        "Pieter", "Kasia", "Tomasz",
    ],
    family: &[
        "Smith",
        "Jones",
        "Taylor",
        "Brown",
        "Williams",
        "Wilson",
        "Evans",
        "Walker",
        "Muller",
        "Schmidt",
        "Schneider",
        "Fischer",
        "Weber",
        "Martin",
        "Bernard",
        "Dubois",
        "Moreau",
        "Rossi",
        "Russo",
        "Ferrari",
        "Esposito",
        "Jansen",
        "De Vries",
        "Nowak",
        "Kowalski",
        "Andersson",
        "Nielsen",
        "Murphy",
        "O'Brien",
    ],
    firm_words: &[
        "Hansa",
        "Nordic",
        "Atlantic",
        "Alpine",
        "Rhein",
        "Thames",
        "Baltic",
        "Meridian",
        "Crown",
        "Lombardia",
        "Provence",
        "Danube",
    ],
    legal_forms: &[
        "GmbH", "Ltd", "Limited", "S.A.R.L.", "S.p.A.", "B.V.", "AB", "plc",
    ],
};

const KOREAN: Culture = Culture {
    gendered_family: false,
    given: &[
        "Min-jun",
        "Seo-yeon",
        "Ji-hoon",
        "Ji-woo",
        "Hyun-woo",
        "Su-bin",
        "Dong-hyun",
        "Eun-ji",
        "Jae-won",
        "Young-ho",
        "Sung-min",
        "Hye-jin",
        "Kyung-soo",
        "Ji-young",
        "Sang-woo",
        "Mi-kyung",
        "Tae-yang",
        "Yoon-ah",
    ],
    family: &[
        "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh",
        "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song",
    ],
    firm_words: &[
        "Daehan Precision",
        "Hanil",
        "Samhwa",
        "Dongyang",
        "Seoul Semitech",
        "Busan Marine",
        "Hyosung Textile",
        "Kumho Logistics",
        "Incheon Steel",
    ],
    legal_forms: &["Co., Ltd.", "Corporation", "Co Ltd", "Inc."],
};

const TURKISH: Culture = Culture {
    gendered_family: false,
    given: &[
        "Mehmet", "Mustafa", "Ahmet", "Ali", "Huseyin", "Hasan", "Ibrahim", "Emre", "Burak",
        "Murat", "Ayse", "Fatma", "Emine", "Zeynep", "Elif", "Hatice", "Kemal", "Serkan",
    ],
    family: &[
        "Yilmaz", "Kaya", "Demir", "Sahin", "Celik", "Yildiz", "Yildirim", "Ozturk", "Aydin",
        "Ozdemir", "Arslan", "Dogan", "Kilic", "Aslan", "Cetin", "Kara", "Koc", "Kurt",
    ],
    firm_words: &[
        "Anadolu",
        "Bosphorus",
        "Ege",
        "Marmara",
        "Karadeniz",
        "Toros",
        "Kapadokya",
        "Istanbul Tekstil",
        "Ankara Insaat",
    ],
    legal_forms: &[
        "A.S.",
        "Ltd. Sti.",
        "Sanayi ve Ticaret A.S.",
        "Holding A.S.",
    ],
};

const CULTURES: [&Culture; 10] = [
    &ARABIC,
    &SOUTH_ASIAN,
    &PERSIAN,
    &RUSSIAN,
    &CHINESE,
    &HISPANIC,
    &AFRICAN,
    &EUROPEAN,
    &KOREAN,
    &TURKISH,
];

/// Given names borne by millions of Muslims in many countries: real screening traffic is full
/// of them, and so are the lists.
const COMMON_MUSLIM_GIVEN: &[&str] = &[
    "Mohammed",
    "Muhammad",
    "Mohamed",
    "Mohammad",
    "Ahmed",
    "Ahmad",
    "Ali",
    "Abdul Rahman",
    "Abdullah",
    "Omar",
    "Umar",
    "Hassan",
    "Hussein",
    "Ibrahim",
    "Yusuf",
    "Khalid",
    "Abdul Karim",
    "Mahmoud",
    "Mustafa",
    "Osman",
    "Abu Bakr",
    "Hamza",
    "Fatima",
    "Aisha",
    "Khadija",
];

const COMMON_MUSLIM_FAMILY: &[&str] = &[
    "Khan", "Ali", "Ahmed", "Hussain", "Rahman", "Shah", "Malik", "Qureshi", "Hassan", "Ibrahim",
    "Abdullah", "Mahmoud", "Saleh", "Haddad", "Yusuf", "Mohammed", "Hamid", "Aziz", "Karim",
    "Osman", "Siddiqui", "Sheikh", "Abbas", "Bakr", "Nasser",
];

const FIRM_TRADES: &[&str] = &[
    "Trading",
    "Logistics",
    "Textiles",
    "Electronics",
    "Construction",
    "Shipping",
    "Foods",
    "Pharma",
    "General Trading",
    "Import Export",
    "Engineering",
    "Petroleum",
    "Exchange",
    "Travel",
    "Holdings",
    "Investments",
    "Agro",
    "Steel",
    "Chemicals",
    "Services",
];

/// A person's name from one culture: given + family, sometimes with a second given name.
pub fn person(rng: &mut Rng) -> String {
    let c = *rng.pick(&CULTURES);
    let mut given = rng.pick(c.given).to_string();
    if rng.chance(0.25) {
        given.push(' ');
        given.push_str(rng.pick::<&str>(c.given));
    }
    let family = rng.pick::<&str>(c.family);
    let family = if c.gendered_family && given.split(' ').next().is_some_and(|g| g.ends_with('a')) {
        feminine(family)
    } else {
        family.to_string()
    };
    written(&given, &family, rng)
}

/// The feminine form of a Russian family name: Ivanov → Ivanova, Alekseev → Alekseeva.
fn feminine(family: &str) -> String {
    if family.ends_with("ov") || family.ends_with("ev") || family.ends_with("in") {
        format!("{family}a")
    } else {
        family.to_string()
    }
}

/// Given and family names as customer files and lists write them: "Given Family", or
/// "FAMILY, Given" (two in five).
fn written(given: &str, family: &str, rng: &mut Rng) -> String {
    if rng.chance(0.4) {
        format!("{}, {given}", family.to_uppercase())
    } else {
        format!("{given} {family}")
    }
}

/// A firm's name from one culture: a name word or a founder, a trade, a legal form.
pub fn company(rng: &mut Rng) -> String {
    let c = *rng.pick(&CULTURES);
    let base = if rng.chance(0.3) {
        rng.pick(c.family).to_string()
    } else {
        rng.pick(c.firm_words).to_string()
    };
    format!(
        "{base} {} {}",
        rng.pick(FIRM_TRADES),
        rng.pick(c.legal_forms)
    )
}

/// A hard negative: common Muslim given name(s) and a common family name, e.g.
/// "Mohammad Ali Khan".
pub fn hard_person(rng: &mut Rng) -> String {
    let mut given = rng.pick(COMMON_MUSLIM_GIVEN).to_string();
    if rng.chance(0.4) {
        given.push(' ');
        given.push_str(rng.pick::<&str>(COMMON_MUSLIM_GIVEN));
    }
    written(&given, rng.pick::<&str>(COMMON_MUSLIM_FAMILY), rng)
}

/// The comparison key for "is this exactly a listed name": lower case, letters and digits
/// only, single spaces. Deliberately simple and independent of the engine's normaliser.
pub fn normalise(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// [`normalise`] with the words sorted: "QASIM, Mohammed" and "Mohammed Qasim" are the same
/// name written in two orders, so a negative may be neither.
pub fn sorted_key(name: &str) -> String {
    let normalised = normalise(name);
    let mut words: Vec<&str> = normalised.split(' ').collect();
    words.sort_unstable();
    words.join(" ")
}

/// Words a name can gain or lose without becoming another name (see [`variant_key`]).
const NOISE_WORDS: &[&str] = &[
    // Arabic articles, however attached.
    "al",
    "el",
    "ul",
    "ad",
    "ar",
    "as",
    "ash",
    "at",
    "az",
    "an",
    "ud",
    "ur",
    // Honorifics and religious titles.
    "haji",
    "hajji",
    "alhaj",
    "sheikh",
    "shaikh",
    "shaykh",
    "sheik",
    "mullah",
    "mulla",
    "maulana",
    "mawlana",
    "maulavi",
    "maulvi",
    "mawlawi",
    "mufti",
    "imam",
    "qari",
    "dr",
    // Legal forms and generic firm words.
    "co",
    "company",
    "ltd",
    "limited",
    "llc",
    "inc",
    "corp",
    "corporation",
    "group",
    "holding",
    "holdings",
    "sa",
    "sarl",
    "srl",
    "gmbh",
    "ag",
    "ooo",
    "zao",
    "oao",
    "pao",
    "ao",
    "jsc",
    "pjsc",
    "cjsc",
    "plc",
    "est",
    "trading",
    "fze",
    "pvt",
    "private",
    "bv",
    "services",
    "service",
    "international",
    "enterprise",
    "enterprises",
    "industries",
];

/// A name up to word order, vowel spelling and noise words: each word's consonants (vowels
/// and `y` dropped, doubled letters collapsed), sorted, without articles, honorifics and
/// legal forms. "Bilal Hossain" and "HASAN, Bilal", "Wei Zheng" and "WEI, Zhang", "Ahmed
/// Shah" and "SHAH, Haji Ahmad", "Zvezda Holdings ZAO" and "PAO ZVEZDA" share one: they are
/// spellings of the same name, which a screening tool should alert on, so neither can serve
/// as a negative.
pub fn variant_key(name: &str) -> String {
    let normalised = normalise(name);
    let kept: Vec<&str> = normalised
        .split(' ')
        .filter(|word| word.len() > 1 && !NOISE_WORDS.contains(word))
        .collect();
    let mut words: Vec<String> = Vec::with_capacity(kept.len());
    let mut i = 0;
    while i < kept.len() {
        // Abd and the name it serves are one name however written: Abdul Karim,
        // Abdulkarim, Abd al-Karim, Abdelkarim.
        let word = match abd_stem(kept[i]) {
            Some("") if i + 1 < kept.len() => {
                i += 1;
                format!("bd{}", consonants(kept[i]))
            }
            Some(stem) if !stem.is_empty() => format!("bd{}", consonants(stem)),
            _ => consonants(kept[i]),
        };
        words.push(word);
        i += 1;
    }
    words.retain(|w| !w.is_empty());
    words.sort_unstable();
    words.join(" ")
}

/// A word's consonants (vowels and `y` dropped, doubled letters collapsed).
fn consonants(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars().filter(|c| !"aeiouy".contains(*c)) {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// For a word that is Abd with or without its article (abd, abdul, abdel, abdur, ...), the
/// name written joined to it ("" when none, "karim" for abdulkarim).
fn abd_stem(word: &str) -> Option<&str> {
    const FORMS: &[&str] = &[
        "abdul", "abdel", "abdal", "abdol", "abdur", "abdus", "abdun", "abdu", "abd",
    ];
    FORMS.iter().find_map(|f| {
        let rest = word.strip_prefix(f)?;
        (rest.is_empty() || rest.len() >= 3).then_some(rest)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_key_equates_spellings_of_one_name() {
        assert_eq!(variant_key("Bilal Hossain"), variant_key("HASAN, Bilal"));
        assert_eq!(variant_key("Wei Zheng"), variant_key("WEI, Zhang"));
        assert_ne!(variant_key("Ahmad Hamid"), variant_key("Hamid Karimi"));
        assert_eq!(variant_key("Ahmed Shah"), variant_key("SHAH, Haji Ahmad"));
        assert_eq!(variant_key("Ibrahim Bakr"), variant_key("Ibrahim al-Bakr"));
        assert_eq!(
            variant_key("Zvezda Holdings ZAO"),
            variant_key("PAO ZVEZDA")
        );
        assert_ne!(variant_key("Abu Bakr"), variant_key("Bakr"));
        assert_eq!(
            variant_key("MOHAMMED, Abdul Karim"),
            variant_key("Mohamad Abdulkarim")
        );
        assert_eq!(variant_key("Abd al-Rahman"), variant_key("Abdurrahman"));
        assert_ne!(variant_key("Abdul Karim"), variant_key("Abdul Rahman"));
        // Initials say too little to tell two names apart.
        assert_eq!(
            variant_key("Olga Stepanova"),
            variant_key("STEPANOVA, Olga G.")
        );
        assert_eq!(
            variant_key("Zvezda Services PAO"),
            variant_key("PAO ZVEZDA")
        );
    }

    #[test]
    fn normalise_keeps_letters_and_digits_only() {
        assert_eq!(normalise("  AL-QAIDA, (Iraq) "), "al qaida iraq");
        assert_eq!(normalise("Ли Вэй"), "ли вэй");
        assert_eq!(sorted_key("QASIM, Mohammed"), sorted_key("mohammed qasim"));
    }

    #[test]
    fn generators_are_seeded_and_varied() {
        let gen = |seed| {
            let mut r = Rng::new(seed);
            (0..50)
                .map(|_| {
                    format!(
                        "{}|{}|{}",
                        person(&mut r),
                        company(&mut r),
                        hard_person(&mut r)
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(gen(3), gen(3));
        let distinct: std::collections::HashSet<_> = gen(3).into_iter().collect();
        assert!(distinct.len() > 45);
    }
}
