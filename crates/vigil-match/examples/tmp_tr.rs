fn main() {
    for a in std::env::args().skip(1) {
        println!("{a}: {:?}", vigil_match::translit::latinize_variants(&a));
    }
}
