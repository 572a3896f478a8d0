# Vigil in a container: one binary, run as a non-root user, its store on a volume.
# On first start with an empty volume, `vigil serve` fetches the official lists (UN, OFAC)
# before it answers; mount an existing store to skip that. Orchestrators probe /healthz
# (alive) and /readyz (index loaded).
#   docker build -t vigil .
#   docker run -p 8080:8080 -v vigil-data:/data vigil
#   docker run --rm -v vigil-data:/data vigil keys create --name app --role screener

FROM rust:1-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p vigil \
 && install -m 0755 target/release/vigil /usr/local/bin/vigil

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin vigil \
 && mkdir -p /data && chown vigil:vigil /data
COPY --from=build /usr/local/bin/vigil /usr/local/bin/vigil
USER vigil
ENV VIGIL_DATA_DIR=/data \
    VIGIL_ADDR=0.0.0.0:8080 \
    VIGIL_LOG_FORMAT=json
VOLUME ["/data"]
EXPOSE 8080
ENTRYPOINT ["vigil"]
CMD ["serve"]
