package io.community.web.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.community.common.error.DomainException;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.body.MessageBodyReader;
import io.micronaut.http.codec.CodecException;
import io.micronaut.json.body.JsonMessageHandler;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.LimitingStream;
import io.micronaut.serde.SerdeRegistry;
import io.micronaut.serde.config.SerdeConfiguration;
import io.micronaut.serde.jackson.JacksonDecoder;
import io.micronaut.serde.jackson.SerdeJacksonConfiguration;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads JSON request bodies as the contract wants them: one JSON value and nothing after it
 * (serde's mapper stops after the first value and ignores the rest), no type coercion
 * ({@link StrictDecoder}), and every failure a 400 naming the JSON field and what it expects.
 *
 * <p>Serde (micronaut-serde-jackson 2.16) offers neither a trailing-token check nor coercion
 * settings, and its mapper hides the parser, so this reader drives the same parts the mapper does
 * (serde's registry and deserializers, {@link JacksonDecoder} over a Jackson parser built from
 * the {@code micronaut.serde.jackson.*} settings) and keeps the parser to check what follows and
 * to say where a failure is. Ordered before Micronaut's {@link JsonMessageHandler}; responses are
 * still written by it.
 */
@Singleton
@Consumes(MediaType.APPLICATION_JSON)
@Order(JsonMessageHandler.ORDER - 1)
public final class StrictJsonBodyReader<T> implements MessageBodyReader<T> {
    private final SerdeRegistry registry;
    private final SerdeJacksonConfiguration jackson;
    private final LimitingStream.RemainingLimits limits;
    private final JsonFactory factory;

    public StrictJsonBodyReader(SerdeRegistry registry, SerdeConfiguration serde, SerdeJacksonConfiguration jackson) {
        this.registry = registry;
        this.jackson = jackson;
        this.limits = LimitingStream.limitsFromConfiguration(serde);
        JsonFactoryBuilder builder = new JsonFactoryBuilder();
        jackson.getFactoryFeatures().forEach(builder::configure);
        jackson.getReadFeatures().forEach(builder::configure);
        this.factory = builder.build();
    }

    @Override
    public boolean isReadable(Argument<T> type, MediaType mediaType) {
        return mediaType != null && mediaType.matchesAllOrWildcardOrExtension(MediaType.EXTENSION_JSON);
    }

    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers httpHeaders, ByteBuffer<?> byteBuffer) {
        return read(type, mediaType, httpHeaders, byteBuffer.toInputStream());
    }

    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers httpHeaders, InputStream inputStream) {
        try (JsonParser parser = factory.createParser(inputStream)) {
            jackson.getParserFeatures().forEach(parser::configure);
            return read(type, parser);
        } catch (IOException e) {
            // only closing can get here: the body is in memory
            throw new CodecException("could not read the request body", e);
        }
    }

    private T read(Argument<T> type, JsonParser parser) {
        T value;
        try {
            if (parser.nextToken() == null) {
                throw DomainException.invalidField(InputMessages.BODY, InputMessages.BODY_REQUIRED);
            }
            Deserializer.DecoderContext context = registry.newDecoderContext(null);
            Deserializer<? extends T> deserializer =
                    registry.findDeserializer(type).createSpecific(context, type);
            Decoder decoder = new StrictDecoder(JacksonDecoder.create(parser, limits), parser);
            value = deserializer.deserializeNullable(decoder, context, type);
        } catch (IOException | RuntimeException e) {
            if (e instanceof DomainException d) {
                throw d;
            }
            throw rejection(e, parser);
        }
        try {
            if (parser.nextToken() != null) {
                throw DomainException.invalidField(InputMessages.BODY, InputMessages.TRAILING);
            }
        } catch (IOException e) {
            throw DomainException.invalidField(InputMessages.BODY, InputMessages.TRAILING);
        }
        return value;
    }

    /** Serde wraps what the decoder threw (with Java type names); what counts is the innermost cause. */
    private static DomainException rejection(Exception e, JsonParser parser) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StrictDecoder.Rejected rejected) {
                return DomainException.invalidField(field(parser), rejected.getMessage());
            }
            if (t instanceof JsonParseException) {
                return DomainException.invalidField(InputMessages.BODY, InputMessages.MALFORMED);
            }
            if (t instanceof StreamConstraintsException) {
                return DomainException.invalidField(InputMessages.BODY, InputMessages.TOO_LARGE);
            }
        }
        String field = field(parser);
        return DomainException.invalidField(
                field, field.equals(InputMessages.BODY) ? InputMessages.OBJECT : InputMessages.VALUE);
    }

    /**
     * Where the parser stands, as the field name a client sent: {@code params.columns[0].name}.
     * A structure just opened has no name or index of its own yet; its parent's names it.
     */
    static String field(JsonParser parser) {
        Deque<String> parts = new ArrayDeque<>();
        JsonStreamContext context = parser.getParsingContext();
        JsonToken token = parser.currentToken();
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && context != null) {
            context = context.getParent();
        }
        for (; context != null && !context.inRoot(); context = context.getParent()) {
            if (context.inObject() && context.getCurrentName() != null) {
                parts.push("." + context.getCurrentName());
            } else if (context.inArray() && context.getCurrentIndex() >= 0) {
                parts.push("[" + context.getCurrentIndex() + "]");
            }
        }
        if (parts.isEmpty()) {
            return InputMessages.BODY;
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }
}
