//! Prometheus metrics: requests by route and status (TAXII included), latency histograms,
//! screened queries (every screening path), index size, the list versions being served
//! and their age, and build info. Served as OpenMetrics, or as the Prometheus text format
//! to scrapers that ask for it.

use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use std::sync::atomic::AtomicU64;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    pub route: String,
    pub method: String,
    pub status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    pub route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct BuildLabels {
    pub version: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct SourceLabels {
    pub source: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ListLabels {
    pub source: String,
    pub sha256: String,
}

pub struct Metrics {
    registry: Registry,
    pub requests: Family<RequestLabels, Counter>,
    pub latency: Family<RouteLabels, Histogram>,
    pub index_entities: Gauge,
    pub list_version: Family<ListLabels, Gauge>,
    pub screened_queries: Counter,
    pub index_swaps: Counter,
    /// Seconds since each served list version was imported, set when scraped.
    pub list_age: Family<SourceLabels, Gauge<f64, AtomicU64>>,
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("vigil");
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = Family::<RouteLabels, Histogram>::new_with_constructor(|| {
            // 50 µs .. ~3 s, doubling: screening answers in microseconds, uploads take seconds.
            Histogram::new(prometheus_client::metrics::histogram::exponential_buckets(
                0.00005, 2.0, 16,
            ))
        });
        let index_entities = Gauge::default();
        let list_version = Family::<ListLabels, Gauge>::default();
        let screened_queries = Counter::default();
        let index_swaps = Counter::default();
        let list_age = Family::<SourceLabels, Gauge<f64, AtomicU64>>::default();
        let build_info = Family::<BuildLabels, Gauge>::default();
        build_info
            .get_or_create(&BuildLabels {
                version: env!("CARGO_PKG_VERSION").into(),
            })
            .set(1);
        registry.register("build_info", "The running Vigil version", build_info);
        registry.register(
            "list_age_seconds",
            "Seconds since the served version of each list was imported",
            list_age.clone(),
        );
        registry.register(
            "http_requests",
            "HTTP requests by route and status",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "HTTP request latency by route",
            latency.clone(),
        );
        registry.register(
            "index_entities",
            "Entities in the served index",
            index_entities.clone(),
        );
        registry.register(
            "list_version",
            "Version number of each list being served",
            list_version.clone(),
        );
        registry.register(
            "screened_queries",
            "Queries screened",
            screened_queries.clone(),
        );
        registry.register(
            "index_swaps",
            "Index reloads after list imports",
            index_swaps.clone(),
        );
        Metrics {
            registry,
            requests,
            latency,
            index_entities,
            list_version,
            screened_queries,
            index_swaps,
            list_age,
        }
    }

    /// OpenMetrics text.
    pub fn render(&self) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = encode(&mut out, &self.registry);
        out
    }

    /// The Prometheus text format (0.0.4): OpenMetrics without `# EOF` and `# UNIT`, with
    /// counters' metadata under their `_total` sample name, as Prometheus expects there.
    pub fn render_prometheus(&self) -> String {
        let open = self.render();
        let counters: Vec<&str> = open
            .lines()
            .filter_map(|l| l.strip_prefix("# TYPE ")?.strip_suffix(" counter"))
            .collect();
        let mut out = String::with_capacity(open.len());
        for line in open.lines() {
            if line == "# EOF" || line.starts_with("# UNIT ") {
                continue;
            }
            let renamed = ["# TYPE ", "# HELP "].iter().find_map(|prefix| {
                let rest = line.strip_prefix(prefix)?;
                let (name, tail) = rest.split_once(' ')?;
                counters
                    .contains(&name)
                    .then(|| format!("{prefix}{name}_total {tail}"))
            });
            out.push_str(renamed.as_deref().unwrap_or(line));
            out.push('\n');
        }
        out
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prometheus_text_names_counters_by_their_samples() {
        let metrics = Metrics::new();
        metrics.screened_queries.inc();
        let text = metrics.render_prometheus();
        assert!(
            text.contains("# TYPE vigil_screened_queries_total counter"),
            "{text}"
        );
        assert!(text.contains("vigil_screened_queries_total 1"), "{text}");
        assert!(text.contains("vigil_build_info{version="), "{text}");
        assert!(!text.contains("# EOF"));
        assert!(metrics.render().ends_with("# EOF\n"));
    }
}
