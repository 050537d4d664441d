package dev.switchboard.adapter.out.persistence.jdbc;

import java.util.Locale;

/**
 * The one place where SQL differs by database. Everything else the stores run is standard SQL
 * that H2 and PostgreSQL both take; the schema is one set of Flyway scripts for both.
 *
 * <p>The difference is the upsert. H2 runs the standard {@code MERGE}. PostgreSQL 15 has
 * {@code MERGE} too, but two sessions merging the same new key at once may both take the
 * "not matched" branch, and one fails on the primary key: with several nodes on one database
 * that is an everyday race. {@code INSERT ... ON CONFLICT} decides it inside the database, so
 * PostgreSQL gets that. Each pair below takes the same parameters in the same order, so a
 * store binds them without knowing which one runs.
 */
public enum SqlDialect {

    /** H2 (embedded file or server): standard SQL {@code MERGE}. */
    STANDARD {
        @Override
        public String upsertMetricPoint() {
            return """
                    MERGE INTO metric_point t
                    USING (VALUES (CAST(? AS VARCHAR(65536)), CAST(? AS BIGINT), CAST(? AS DOUBLE PRECISION)))
                          s (metric_key, ts, val)
                    ON t.metric_key = s.metric_key AND t.ts = s.ts
                    WHEN MATCHED THEN UPDATE SET val = s.val
                    WHEN NOT MATCHED THEN INSERT (metric_key, ts, val) VALUES (s.metric_key, s.ts, s.val)""";
        }

        @Override
        public String countTokenClient() {
            return """
                    MERGE INTO token_client t
                    USING (VALUES (CAST(? AS VARCHAR(65536)), CAST(? AS VARCHAR(255)), CAST(? AS INTEGER),
                                   CAST(? AS BIGINT))) s (client_id, ip, port, expected)
                    ON t.client_id = s.client_id AND t.ip = s.ip AND t.port = s.port
                    WHEN MATCHED THEN UPDATE SET expected = s.expected, received = t.received + 1
                    WHEN NOT MATCHED THEN INSERT (client_id, ip, port, expected, received)
                                          VALUES (s.client_id, s.ip, s.port, s.expected, 1)""";
        }

        @Override
        public String addTokenRow() {
            return """
                    MERGE INTO token_row t
                    USING (VALUES (CAST(? AS VARCHAR(65536)), CAST(? AS VARCHAR(65536)), CAST(? AS VARCHAR(255)),
                                   CAST(? AS INTEGER))) s (token, client_id, ip, port)
                    ON t.token = s.token AND t.client_id = s.client_id AND t.ip = s.ip AND t.port = s.port
                    WHEN NOT MATCHED THEN INSERT (token, client_id, ip, port)
                                          VALUES (s.token, s.client_id, s.ip, s.port)""";
        }

        @Override
        public String addAgencyBatch() {
            return """
                    MERGE INTO lottery_agency t
                    USING (VALUES (CAST(? AS INTEGER), CAST(? AS BIGINT), CAST(? AS BIGINT))) s (agency, n, b)
                    ON t.agency = s.agency
                    WHEN MATCHED THEN UPDATE SET bets = t.bets + s.n, batches = t.batches + s.b
                    WHEN NOT MATCHED THEN INSERT (agency, bets, batches, done) VALUES (s.agency, s.n, s.b, FALSE)""";
        }

        @Override
        public String markAgencyDone() {
            return """
                    MERGE INTO lottery_agency t
                    USING (VALUES (CAST(? AS INTEGER))) s (agency)
                    ON t.agency = s.agency
                    WHEN MATCHED THEN UPDATE SET done = TRUE
                    WHEN NOT MATCHED THEN INSERT (agency, bets, batches, done) VALUES (s.agency, 0, 0, TRUE)""";
        }

        @Override
        public String insertReceiptIfNew() {
            return """
                    MERGE INTO collector_receipt t
                    USING (VALUES (CAST(? AS VARCHAR(255)), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT)))
                          s (batch_id, bytes, received_at_ms, seq)
                    ON t.batch_id = s.batch_id
                    WHEN NOT MATCHED THEN INSERT (batch_id, bytes, received_at_ms, seq)
                         VALUES (s.batch_id, s.bytes, s.received_at_ms, s.seq)""";
        }
    },

    /** PostgreSQL: {@code INSERT ... ON CONFLICT}, atomic against other sessions (other nodes). */
    POSTGRESQL {
        @Override
        public String upsertMetricPoint() {
            return """
                    INSERT INTO metric_point (metric_key, ts, val) VALUES (?, ?, ?)
                    ON CONFLICT (metric_key, ts) DO UPDATE SET val = EXCLUDED.val""";
        }

        @Override
        public String countTokenClient() {
            return """
                    INSERT INTO token_client (client_id, ip, port, expected, received) VALUES (?, ?, ?, ?, 1)
                    ON CONFLICT (client_id, ip, port)
                    DO UPDATE SET expected = EXCLUDED.expected, received = token_client.received + 1""";
        }

        @Override
        public String addTokenRow() {
            return """
                    INSERT INTO token_row (token, client_id, ip, port) VALUES (?, ?, ?, ?)
                    ON CONFLICT (token, client_id, ip, port) DO NOTHING""";
        }

        @Override
        public String addAgencyBatch() {
            return """
                    INSERT INTO lottery_agency (agency, bets, batches, done) VALUES (?, ?, ?, FALSE)
                    ON CONFLICT (agency)
                    DO UPDATE SET bets = lottery_agency.bets + EXCLUDED.bets,
                                  batches = lottery_agency.batches + EXCLUDED.batches""";
        }

        @Override
        public String markAgencyDone() {
            return """
                    INSERT INTO lottery_agency (agency, bets, batches, done) VALUES (?, 0, 0, TRUE)
                    ON CONFLICT (agency) DO UPDATE SET done = TRUE""";
        }

        @Override
        public String insertReceiptIfNew() {
            return """
                    INSERT INTO collector_receipt (batch_id, bytes, received_at_ms, seq) VALUES (?, ?, ?, ?)
                    ON CONFLICT (batch_id) DO NOTHING""";
        }
    };

    /** The dialect a JDBC URL speaks; only H2 and PostgreSQL are known. */
    public static SqlDialect of(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (url.startsWith("jdbc:h2:")) {
            return STANDARD;
        }
        throw new IllegalArgumentException("unsupported JDBC URL '" + jdbcUrl
                + "': Switchboard speaks jdbc:postgresql://HOST:PORT/DB and jdbc:h2:...");
    }

    /** Parameters: key, timestamp, value. Replaces the value of an existing (key, timestamp). */
    public abstract String upsertMetricPoint();

    /** Parameters: client id, ip, port, expected. Adds one to the client's received, or inserts it with 1. */
    public abstract String countTokenClient();

    /** Parameters: token, client id, ip, port. Inserts the row unless it is there. */
    public abstract String addTokenRow();

    /** Parameters: agency, bets, batches. Adds batches (and their bets) to the agency's figures. */
    public abstract String addAgencyBatch();

    /** Parameters: agency. Sets the agency's done flag. */
    public abstract String markAgencyDone();

    /** Parameters: batch id, bytes, received at (ms), seq. Inserts unless the id is there; 1 row if new. */
    public abstract String insertReceiptIfNew();
}
