//! Prometheus metrics: requests by route and status, latency histograms, index size and the
//! list versions being served.

use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

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
        }
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = encode(&mut out, &self.registry);
        out
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}
