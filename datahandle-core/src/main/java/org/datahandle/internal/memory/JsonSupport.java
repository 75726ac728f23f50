package org.datahandle.internal.memory;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
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
import java.util.function.Function;

/**
 * The one {@link ObjectMapper} memory conversions use. Java time values are written as ISO-8601 strings
 * and read back from them; this is done by a small module here rather than jackson-datatype-jsr310 so
 * core does not grow a dependency for five types.
 */
final class JsonSupport {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(timeModule())
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private JsonSupport() {}

    private static SimpleModule timeModule() {
        SimpleModule m = new SimpleModule("datahandle-time");
        iso(m, LocalDate.class, LocalDate::parse);
        iso(m, LocalDateTime.class, LocalDateTime::parse);
        iso(m, Instant.class, Instant::parse);
        iso(m, OffsetDateTime.class, OffsetDateTime::parse);
        iso(m, ZonedDateTime.class, ZonedDateTime::parse);
        return m;
    }

    private static <T> void iso(SimpleModule m, Class<T> type, Function<String, T> parse) {
        m.addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.toString());
            }
        });
        m.addDeserializer(type, new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = p.getValueAsString();
                try {
                    return parse.apply(text);
                } catch (RuntimeException e) {
                    return type.cast(ctxt.handleWeirdStringValue(type, text, "not an ISO-8601 %s", type.getSimpleName()));
                }
            }
        });
    }
}
