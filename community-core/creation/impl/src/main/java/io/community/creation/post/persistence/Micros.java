package io.community.creation.post.persistence;

import java.time.Instant;

/**
 * Instants as epoch microseconds and the SQL that turns them into DATETIME(6) holding the UTC
 * wall clock and back; the user context's UtcMicros explains why the drivers' own conversions
 * (through the JVM's zone) are avoided. Shared by the creation context's JDBC stores.
 */
public final class Micros {
    public static final String EPOCH = "TIMESTAMP '1970-01-01 00:00:00'";

    /** A bound number of micros as DATETIME(6). */
    public static final String WRITE = "TIMESTAMPADD(MICROSECOND, ?, " + EPOCH + ")";

    private Micros() {
    }

    /** The DATETIME(6) column (qualified as needed) as epoch micros. */
    public static String read(String column) {
        return "TIMESTAMPDIFF(MICROSECOND, " + EPOCH + ", " + column + ")";
    }

    /** Sub-microsecond digits are dropped, the same way on both databases. */
    public static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }

    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
