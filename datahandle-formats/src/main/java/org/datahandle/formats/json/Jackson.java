package org.datahandle.formats.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/**
 * The Jackson factory and mapper of both codecs. Both are immutable once built and thread-safe, so one
 * of each serves every reader and writer.
 */
final class Jackson {
    /**
     * Streaming parsers and generators: strict JSON, decimals written in plain notation. A generator closed
     * after a failed write leaves its arrays and objects open, so a half-written file never looks complete.
     */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(readLimits())
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            .build();

    /**
     * Serialises documents of any Jackson-mappable value. Java time values become ISO-8601 strings, as in
     * tables, through a small module rather than a jsr310 dependency.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .addModule(isoTime())
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private Jackson() {}

    /**
     * What one JSON input may hold (docs/limits.md): nesting depth, one string's length, one
     * number's digits, one key's length. Jackson's defaults, stated here so they are ours and can be
     * raised through system properties, read once when the codec class loads.
     */
    private static StreamReadConstraints readLimits() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(Integer.getInteger("datahandle.json.maxNestingDepth", 1000))
                .maxStringLength(Integer.getInteger("datahandle.json.maxStringLength", 20_000_000))
                .maxNumberLength(Integer.getInteger("datahandle.json.maxNumberLength", 1000))
                .maxNameLength(Integer.getInteger("datahandle.json.maxNameLength", 50_000))
                .build();
    }

    private static SimpleModule isoTime() {
        SimpleModule m = new SimpleModule("datahandle-json-time");
        for (Class<?> type : new Class<?>[] {LocalDate.class, LocalDateTime.class, Instant.class, OffsetDateTime.class,
                ZonedDateTime.class}) {
            iso(m, type);
        }
        return m;
    }

    private static <T> void iso(SimpleModule m, Class<T> type) {
        m.addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.toString());
            }
        });
    }
}
