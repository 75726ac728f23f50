package org.datahandle.jobs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The event line format (docs/jobs.md, "Event format"): one JSON object per line, {@code seq} first
 * so a reader can find a position cheaply, then {@code time} and {@code type}.
 */
final class EventCodec {
    static final ObjectMapper MAPPER = new ObjectMapper()
            // the log writer flushes once per batch of lines, not once per row
            .disable(com.fasterxml.jackson.databind.SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    private static final TypeReference<Map<String, Object>> ROW = new TypeReference<>() {};

    private EventCodec() {}

    static String toJson(JobEvent event) {
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(sw)) {
            write(g, event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sw.toString();
    }

    /** Writes one event as a JSON object (no newline). */
    static void write(JsonGenerator g, JobEvent event) throws IOException {
        g.writeStartObject();
        g.writeNumberField("seq", event.seq());
        g.writeStringField("time", event.time().toString());
        if (event instanceof JobEvent.Output o) {
            g.writeStringField("type", o.stream().wireName());
            g.writeStringField("text", o.text());
            if (o.partial()) {
                g.writeBooleanField("partial", true);
            }
        } else if (event instanceof JobEvent.Status s) {
            JobStatus st = s.status();
            g.writeStringField("type", "status");
            g.writeStringField("state", st.state().wireName());
            if (st.exitCode().isPresent()) {
                g.writeNumberField("exitCode", st.exitCode().getAsInt());
            }
            if (st.signal().isPresent()) {
                g.writeNumberField("signal", st.signal().getAsInt());
            }
            if (st.pid().isPresent()) {
                g.writeNumberField("pid", st.pid().get());
            }
            if (st.message().isPresent()) {
                g.writeStringField("message", st.message().get());
            }
        } else if (event instanceof JobEvent.Row r) {
            g.writeStringField("type", "row");
            g.writeFieldName("row");
            MAPPER.writeValue(g, r.values());
        } else if (event instanceof JobEvent.InvalidRow r) {
            g.writeStringField("type", "invalidRow");
            g.writeStringField("text", r.text());
            g.writeStringField("error", r.error());
        } else if (event instanceof JobEvent.Gap gap) {
            g.writeStringField("type", "gap");
            g.writeNumberField("to", gap.to());
        }
        g.writeEndObject();
    }

    /** Parses a rows-channel line; a line that is not one JSON object is an exception saying why. */
    static Map<String, Object> parseRow(String line) throws JsonProcessingException {
        JsonNode node = MAPPER.readTree(line);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a row must be one JSON object per line, got "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        return MAPPER.convertValue(node, ROW);
    }

    /** Parses a stored event line; {@code where} names the file and offset for the error. */
    static JobEvent parse(String line, String where) {
        JsonNode n;
        try {
            n = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new JobLogException("corrupt job event log at " + where + ": " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject() || !n.path("seq").canConvertToLong() || !n.path("type").isTextual()) {
            throw new JobLogException("corrupt job event log at " + where + ": not an event object");
        }
        long seq = n.get("seq").asLong();
        Instant time;
        try {
            time = Instant.parse(n.path("time").asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw new JobLogException("corrupt job event log at " + where + ": time '" + n.path("time").asText() + "' is not an instant");
        }
        String type = n.get("type").asText();
        switch (type) {
            case "stdout":
            case "stderr":
                return new JobEvent.Output(seq, time, JobStream.ofWireName(type), n.path("text").asText(),
                        n.path("partial").asBoolean(false));
            case "status":
                return new JobEvent.Status(seq, time, new JobStatus(
                        JobState.ofWireName(n.path("state").asText()),
                        n.has("exitCode") ? OptionalInt.of(n.get("exitCode").asInt()) : OptionalInt.empty(),
                        n.has("signal") ? OptionalInt.of(n.get("signal").asInt()) : OptionalInt.empty(),
                        n.has("pid") ? Optional.of(n.get("pid").asLong()) : Optional.empty(),
                        n.has("message") ? Optional.of(n.get("message").asText()) : Optional.empty()));
            case "row":
                return new JobEvent.Row(seq, time, MAPPER.convertValue(n.get("row"), ROW));
            case "invalidRow":
                return new JobEvent.InvalidRow(seq, time, n.path("text").asText(), n.path("error").asText());
            default:
                throw new JobLogException("corrupt job event log at " + where + ": unknown event type '" + type + "'");
        }
    }

    /** Reads just the {@code seq} of a stored line, which starts with <code>{"seq":N</code>; -1 if it does not. */
    static long seqOf(String line) {
        String prefix = "{\"seq\":";
        if (!line.startsWith(prefix)) {
            return -1;
        }
        long v = 0;
        int i = prefix.length();
        int digits = 0;
        while (i < line.length() && digits < 19 && Character.isDigit(line.charAt(i))) {
            v = v * 10 + (line.charAt(i++) - '0');
            digits++;
        }
        return digits == 0 ? -1 : v;
    }
}
