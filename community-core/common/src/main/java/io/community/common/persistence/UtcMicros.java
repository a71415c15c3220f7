package io.community.common.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * Instants as microseconds since the epoch, and the SQL that turns such a number into a
 * DATETIME(6) holding the UTC wall clock and back.
 *
 * <p>Why not let the driver bind {@code Instant}/{@code Timestamp}: both JDBC drivers convert a
 * DATETIME through the JVM's default time zone, so what is stored depends on where the JVM runs,
 * and MariaDB Connector/J (even {@code getString} and {@code getObject(LocalDateTime)}) shifts a
 * wall clock that falls into that zone's DST gap by an hour. Doing the calendar arithmetic in SQL
 * ({@code TIMESTAMPADD}/{@code TIMESTAMPDIFF} against the epoch, same syntax on MariaDB/MySQL and
 * H2) keeps every zone out of it and is exact to the microsecond. Every context's stores use it.
 */
@Singleton
public class UtcMicros implements AttributeConverter<Instant, Long> {

    /** The epoch as a DATETIME literal both databases accept. */
    public static final String EPOCH = "TIMESTAMP '1970-01-01 00:00:00'";

    /** DATETIME(6) of the column behind {@code @.<column>} (Micronaut Data's alias placeholder) as micros. */
    public static final String READ_PREFIX = "TIMESTAMPDIFF(MICROSECOND, " + EPOCH + ", @.";

    public static final String READ_SUFFIX = ")";

    /** A bound number of micros as DATETIME(6). */
    public static final String WRITE = "TIMESTAMPADD(MICROSECOND, ?, " + EPOCH + ")";

    /** A DATETIME(6) column (qualified as needed) as epoch micros, for hand-written SQL. */
    public static String read(String column) {
        return "TIMESTAMPDIFF(MICROSECOND, " + EPOCH + ", " + column + ")";
    }

    /** Non-null variant of {@link #toMicros}. */
    public static long of(Instant instant) {
        return toMicros(instant);
    }

    /**
     * Sub-microsecond digits are dropped here, the same way for both databases (left to them,
     * MariaDB truncates while H2 rounds).
     */
    public static @Nullable Long toMicros(@Nullable Instant instant) {
        if (instant == null) {
            return null;
        }
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }

    public static @Nullable Instant toInstant(@Nullable Long micros) {
        if (micros == null) {
            return null;
        }
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    @Override
    public Long convertToPersistedValue(Instant entityValue, ConversionContext context) {
        return toMicros(entityValue);
    }

    @Override
    public Instant convertToEntityValue(Long persistedValue, ConversionContext context) {
        return toInstant(persistedValue);
    }
}
