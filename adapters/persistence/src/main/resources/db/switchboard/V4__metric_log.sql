-- metrics in an embedded H2 file (--storage h2, one process): an append-only log, one row per
-- group commit, holding that group's points (or a roll-up) encoded as bytes; the process serves
-- reads from memory and replays the log at start-up. --storage jdbc (several nodes) keeps using
-- metric_point, so on PostgreSQL this table stays empty.
CREATE TABLE IF NOT EXISTS metric_log (
    seq BIGINT NOT NULL PRIMARY KEY,
    entry BYTEA NOT NULL
);
