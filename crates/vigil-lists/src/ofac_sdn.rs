//! OFAC SDN: being written.
