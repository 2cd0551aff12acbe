-- Built-in time series for the dashboard (issue 8, docs/decisions/0008-metrics-store.md).
-- One row per environment (instance = '') or instance per step; step_seconds is the resolution:
-- the collection interval (5 s by default, kept 1 h), 60 and 600 (kept 7 days). REAL keeps rows small.
CREATE TABLE metric_points (
    step_seconds   INT          NOT NULL,
    app            VARCHAR(40)  NOT NULL,
    env            VARCHAR(40)  NOT NULL,
    at_epoch       BIGINT       NOT NULL,
    instance       VARCHAR(64)  NOT NULL,
    process_type   VARCHAR(64),
    cpu_percent    REAL,
    memory_bytes   REAL,
    threads        REAL,
    open_files     REAL,
    restarts       REAL,
    uptime_seconds REAL,
    instances      REAL,
    unhealthy      REAL,
    requests       REAL,
    status_1xx     REAL,
    status_2xx     REAL,
    status_3xx     REAL,
    status_4xx     REAL,
    status_5xx     REAL,
    bytes_in       REAL,
    bytes_out      REAL,
    in_flight      REAL,
    latency_p50_ms REAL,
    latency_p95_ms REAL,
    latency_p99_ms REAL,
    PRIMARY KEY (step_seconds, app, env, at_epoch, instance)
);
CREATE INDEX metric_points_age ON metric_points (step_seconds, at_epoch);
