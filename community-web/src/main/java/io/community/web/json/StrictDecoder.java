package io.community.web.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Serde's JSON decoder without its coercions. Serde converts freely (true → 1, 1.9 → 1,
 * "１２３" → 123, 12345 → "12345", [5] → 5) and has no setting to turn that off; this decoder lets
 * serde read the value, then accepts it only if the token that was read has the asked-for JSON
 * type. A rejection is a {@link Rejected} carrying the message from {@link InputMessages}; the
 * field it concerns is where the parser stands.
 */
final class StrictDecoder implements Decoder {
    private final Decoder delegate;
    private final JsonParser parser;

    StrictDecoder(Decoder delegate, JsonParser parser) {
        this.delegate = delegate;
        this.parser = parser;
    }

    /** A value of the wrong JSON type; never a syntax error (those stay Jackson's parse errors). */
    static final class Rejected extends IOException {
        Rejected(String expected) {
            super(expected, null);
        }
    }

    private interface Read<V> {
        V read() throws IOException;
    }

    /** Reads through serde; keeps syntax errors, turns every conversion failure into {@code expected}. */
    private <V> V strict(String expected, Read<V> read, JsonToken... allowed) throws IOException {
        V value;
        try {
            value = read.read();
        } catch (JsonParseException | StreamConstraintsException | Rejected e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new Rejected(expected);
        }
        JsonToken token = parser.currentToken();
        if (value == null && token == JsonToken.VALUE_NULL) {
            return null;
        }
        for (JsonToken a : allowed) {
            if (token == a) {
                return value;
            }
        }
        throw new Rejected(expected);
    }

    private Decoder wrap(Decoder d) {
        return d == delegate ? this : new StrictDecoder(d, parser);
    }

    private Decoder structure(String expected, Read<Decoder> read) throws IOException {
        try {
            return wrap(read.read());
        } catch (JsonParseException | StreamConstraintsException | Rejected e) {
            throw e;
        } catch (IOException e) {
            throw new Rejected(expected);
        }
    }

    @Override
    public Decoder decodeArray(Argument<?> type) throws IOException {
        return structure(InputMessages.ARRAY, () -> delegate.decodeArray(type));
    }

    @Override
    public Decoder decodeArray() throws IOException {
        return structure(InputMessages.ARRAY, delegate::decodeArray);
    }

    @Override
    public Decoder decodeObject(Argument<?> type) throws IOException {
        return structure(InputMessages.OBJECT, () -> delegate.decodeObject(type));
    }

    @Override
    public Decoder decodeObject() throws IOException {
        return structure(InputMessages.OBJECT, delegate::decodeObject);
    }

    @Override
    public boolean hasNextArrayValue() throws IOException {
        return delegate.hasNextArrayValue();
    }

    @Override
    public String decodeKey() throws IOException {
        return delegate.decodeKey();
    }

    @Override
    public String decodeString() throws IOException {
        return strict(InputMessages.STRING, delegate::decodeString, JsonToken.VALUE_STRING);
    }

    @Override
    public String decodeStringNullable() throws IOException {
        return strict(InputMessages.STRING, delegate::decodeStringNullable, JsonToken.VALUE_STRING);
    }

    @Override
    public boolean decodeBoolean() throws IOException {
        return strict(InputMessages.BOOLEAN, delegate::decodeBoolean, JsonToken.VALUE_TRUE, JsonToken.VALUE_FALSE);
    }

    @Override
    public Boolean decodeBooleanNullable() throws IOException {
        return strict(
                InputMessages.BOOLEAN, delegate::decodeBooleanNullable, JsonToken.VALUE_TRUE, JsonToken.VALUE_FALSE);
    }

    @Override
    public byte decodeByte() throws IOException {
        return strict(InputMessages.INTEGER, delegate::decodeByte, JsonToken.VALUE_NUMBER_INT);
    }

    @Override
    public Byte decodeByteNullable() throws IOException {
        return strict(InputMessages.INTEGER, delegate::decodeByteNullable, JsonToken.VALUE_NUMBER_INT);
    }

    @Override
    public short decodeShort() throws IOException {
        return strict(InputMessages.INTEGER, delegate::decodeShort, JsonToken.VALUE_NUMBER_INT);
    }

    @Override
    public Short decodeShortNullable() throws IOException {
        return strict(InputMessages.INTEGER, delegate::decodeShortNullable, JsonToken.VALUE_NUMBER_INT);
    }

    @Override
    public char decodeChar() throws IOException {
        return strict(InputMessages.STRING, delegate::decodeChar, JsonToken.VALUE_STRING);
    }

    @Override
    public Character decodeCharNullable() throws IOException {
        return strict(InputMessages.STRING, delegate::decodeCharNullable, JsonToken.VALUE_STRING);
    }

    @Override
    public Number decodeNumber() throws IOException {
        return strict(
                InputMessages.NUMBER, delegate::decodeNumber, JsonToken.VALUE_NUMBER_INT, JsonToken.VALUE_NUMBER_FLOAT);
    }

    @Override
    public Number decodeNumberNullable() throws IOException {
        return strict(
                InputMessages.NUMBER,
                delegate::decodeNumberNullable,
                JsonToken.VALUE_NUMBER_INT,
                JsonToken.VALUE_NUMBER_FLOAT);
    }

    @Override
    public int decodeInt() throws IOException {
        return strict(InputMessages.INTEGER, delegate::decodeInt, JsonToken.VALUE_NUMBER_INT);
    }

    @Override
    public Integer decodeIntNullable() throws IOException {
        return strict(InputMessages.INTEGER, delegate::decodeIntNullable, JsonToken.VALUE_NUMBER_INT);
    }

    @Override
    public long decodeLong() throws IOException {
        return strict(InputMessages.INTEGER, delegate::decodeLong, JsonToken.VALUE_NUMBER_INT);
    }

    @Override
    public Long decodeLongNullable() throws IOException {
        return strict(InputMessages.INTEGER, delegate::decodeLongNullable, JsonToken.VALUE_NUMBER_INT);
    }

    @Override
    public float decodeFloat() throws IOException {
        return strict(
                InputMessages.NUMBER, delegate::decodeFloat, JsonToken.VALUE_NUMBER_INT, JsonToken.VALUE_NUMBER_FLOAT);
    }

    @Override
    public Float decodeFloatNullable() throws IOException {
        return strict(
                InputMessages.NUMBER,
                delegate::decodeFloatNullable,
                JsonToken.VALUE_NUMBER_INT,
                JsonToken.VALUE_NUMBER_FLOAT);
    }

    @Override
    public double decodeDouble() throws IOException {
        return finite(strict(
                InputMessages.NUMBER,
                delegate::decodeDouble,
                JsonToken.VALUE_NUMBER_INT,
                JsonToken.VALUE_NUMBER_FLOAT));
    }

    @Override
    public Double decodeDoubleNullable() throws IOException {
        return finite(strict(
                InputMessages.NUMBER,
                delegate::decodeDoubleNullable,
                JsonToken.VALUE_NUMBER_INT,
                JsonToken.VALUE_NUMBER_FLOAT));
    }

    /** 1e999 is valid JSON but no double: it would arrive as Infinity. */
    private static Double finite(Double value) throws Rejected {
        if (value != null && !Double.isFinite(value)) {
            throw new Rejected(InputMessages.NUMBER);
        }
        return value;
    }

    @Override
    public BigInteger decodeBigInteger() throws IOException {
        return strict(InputMessages.INTEGER, delegate::decodeBigInteger, JsonToken.VALUE_NUMBER_INT);
    }

    @Override
    public BigInteger decodeBigIntegerNullable() throws IOException {
        return strict(InputMessages.INTEGER, delegate::decodeBigIntegerNullable, JsonToken.VALUE_NUMBER_INT);
    }

    @Override
    public BigDecimal decodeBigDecimal() throws IOException {
        return strict(
                InputMessages.NUMBER,
                delegate::decodeBigDecimal,
                JsonToken.VALUE_NUMBER_INT,
                JsonToken.VALUE_NUMBER_FLOAT);
    }

    @Override
    public BigDecimal decodeBigDecimalNullable() throws IOException {
        return strict(
                InputMessages.NUMBER,
                delegate::decodeBigDecimalNullable,
                JsonToken.VALUE_NUMBER_INT,
                JsonToken.VALUE_NUMBER_FLOAT);
    }

    @Override
    public byte[] decodeBinary() throws IOException {
        return delegate.decodeBinary();
    }

    @Override
    public byte[] decodeBinaryNullable() throws IOException {
        return delegate.decodeBinaryNullable();
    }

    @Override
    public boolean decodeNull() throws IOException {
        return delegate.decodeNull();
    }

    @Override
    public Object decodeArbitrary() throws IOException {
        return delegate.decodeArbitrary();
    }

    @Override
    public JsonNode decodeNode() throws IOException {
        return delegate.decodeNode();
    }

    @Override
    public Decoder decodeBuffer() throws IOException {
        return wrap(delegate.decodeBuffer());
    }

    @Override
    public void skipValue() throws IOException {
        delegate.skipValue();
    }

    @Override
    public void finishStructure() throws IOException {
        delegate.finishStructure();
    }

    @Override
    public void finishStructure(boolean consumeLeftElements) throws IOException {
        delegate.finishStructure(consumeLeftElements);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    @Override
    public IOException createDeserializationException(String message, Object invalidValue) {
        return delegate.createDeserializationException(message, invalidValue);
    }
}
