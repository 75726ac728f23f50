package org.datahandle.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;

/**
 * Rows on standard output in one of the {@code --output} forms. Rows arrive one at a time, so
 * {@code cat} of any size streams; only the table form holds a first block back to size its
 * columns.
 */
interface RowPrinter {
    /** The {@code --output} choices. */
    enum Form {
        table, csv, tsv, jsonl, json, markdown
    }

    void row(List<Object> cells);

    /**
     * Ends the output.
     *
     * @param more true when rows were left unread ({@code head})
     */
    void finish(boolean more);

    static RowPrinter create(Form form, String name, Schema schema, PrintWriter out, int maxWidth) {
        return switch (form) {
            case table -> new TablePrinter(schema, out, maxWidth);
            case csv -> new Delimited(schema, out, ',');
            case tsv -> new Delimited(schema, out, '\t');
            case jsonl -> new JsonLines(schema, out);
            case json -> new JsonDocument(name, schema, out);
            case markdown -> new Markdown(schema, out);
        };
    }

    /** Aligned columns for people: numbers right-aligned, widths capped with an ellipsis, a row count. */
    final class TablePrinter implements RowPrinter {
        /** Rows held back to size the columns; later rows are cut to the same widths. */
        private static final int SIZING_ROWS = 1000;

        private final Schema schema;
        private final PrintWriter out;
        private final int maxWidth;
        private final List<List<String>> held = new ArrayList<>();
        private int[] width;
        private long count;

        TablePrinter(Schema schema, PrintWriter out, int maxWidth) {
            this.schema = schema;
            this.out = out;
            this.maxWidth = maxWidth;
        }

        @Override
        public void row(List<Object> cells) {
            count++;
            List<String> text = cells.stream().map(Cells::text).toList();
            if (width == null) {
                held.add(text);
                if (held.size() >= SIZING_ROWS) {
                    flushHeld();
                }
            } else {
                line(text);
            }
        }

        private void flushHeld() {
            width = new int[schema.size()];
            List<String> header = new ArrayList<>();
            for (int c = 0; c < width.length; c++) {
                String name = Cells.escapeControls(schema.field(c).name());
                header.add(name);
                int w = length(name);
                for (List<String> row : held) {
                    w = Math.max(w, length(row.get(c)));
                }
                width[c] = maxWidth > 0 ? Math.min(w, Math.max(maxWidth, 1)) : w;
            }
            line(header);
            for (List<String> row : held) {
                line(row);
            }
            held.clear();
        }

        private void line(List<String> cells) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < cells.size(); c++) {
                String s = fit(cells.get(c), width[c]);
                int pad = width[c] - length(s);
                boolean right = Cells.isNumeric(schema.field(c).type());
                if (right) {
                    sb.append(" ".repeat(pad)).append(s);
                } else {
                    sb.append(s);
                    if (c < cells.size() - 1) {
                        sb.append(" ".repeat(pad));
                    }
                }
                if (c < cells.size() - 1) {
                    sb.append("  ");
                }
            }
            out.println(sb.toString().stripTrailing());
        }

        /** Cut to {@code w} characters, the last one an ellipsis, without splitting a surrogate pair. */
        private static String fit(String s, int w) {
            if (length(s) <= w) {
                return s;
            }
            int end = s.offsetByCodePoints(0, Math.max(w - 1, 0));
            return s.substring(0, end) + "…";
        }

        private static int length(String s) {
            return s.codePointCount(0, s.length());
        }

        @Override
        public void finish(boolean more) {
            if (width == null) {
                flushHeld();
            }
            out.println("(" + count + (count == 1 ? " row" : " rows") + (more ? " shown; more not read)" : ")"));
            out.flush();
        }
    }

    /** CSV (RFC 4180 quoting) or TSV (backslash escapes, as PostgreSQL and DuckDB write it); a null is empty. */
    final class Delimited implements RowPrinter {
        private final PrintWriter out;
        private final char delimiter;

        Delimited(Schema schema, PrintWriter out, char delimiter) {
            this.out = out;
            this.delimiter = delimiter;
            List<Object> names = new ArrayList<>(schema.names());
            row(names);
        }

        @Override
        public void row(List<Object> cells) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < cells.size(); c++) {
                if (c > 0) {
                    sb.append(delimiter);
                }
                Object v = cells.get(c);
                if (v != null) {
                    sb.append(delimiter == '\t' ? tsv(Cells.plain(v)) : csv(Cells.plain(v)));
                }
            }
            // CRLF is RFC 4180's line end, but every reader takes LF and Unix tools expect it
            out.print(sb.append('\n'));
        }

        private String csv(String s) {
            if (s.indexOf(delimiter) < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
                return s;
            }
            return '"' + s.replace("\"", "\"\"") + '"';
        }

        private static String tsv(String s) {
            return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        }

        @Override
        public void finish(boolean more) {
            out.flush();
        }
    }

    /** One JSON object per row and line. */
    final class JsonLines implements RowPrinter {
        private final Schema schema;
        private final PrintWriter out;
        private final ObjectMapper mapper = new ObjectMapper();

        JsonLines(Schema schema, PrintWriter out) {
            this.schema = schema;
            this.out = out;
        }

        @Override
        public void row(List<Object> cells) {
            try {
                out.print(mapper.writeValueAsString(object(schema, cells)));
                out.print('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void finish(boolean more) {
            out.flush();
        }
    }

    /** One JSON document: the name, the columns and the rows, streamed (what {@code head --json} printed). */
    final class JsonDocument implements RowPrinter {
        private final Schema schema;
        private final JsonGenerator json;

        JsonDocument(String name, Schema schema, PrintWriter out) {
            this.schema = schema;
            try {
                json = new JsonFactory(new ObjectMapper()).createGenerator(out).useDefaultPrettyPrinter();
                json.writeStartObject();
                json.writeStringField("handle", name);
                json.writeObjectField("columns", SchemaCommand.fields(schema));
                json.writeArrayFieldStart("rows");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void row(List<Object> cells) {
            try {
                json.writeObject(object(schema, cells));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void finish(boolean more) {
            try {
                json.writeEndArray();
                json.writeBooleanField("more", more);
                json.writeEndObject();
                json.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A GitHub-flavoured Markdown table; numbers right-aligned by the separator row. */
    final class Markdown implements RowPrinter {
        private final PrintWriter out;

        Markdown(Schema schema, PrintWriter out) {
            this.out = out;
            StringBuilder head = new StringBuilder("|");
            StringBuilder rule = new StringBuilder("|");
            for (Field f : schema.fields()) {
                head.append(' ').append(cell(Cells.escapeControls(f.name()))).append(" |");
                rule.append(Cells.isNumeric(f.type()) ? " ---: |" : " --- |");
            }
            out.println(head);
            out.println(rule);
        }

        private static String cell(String s) {
            return s.replace("|", "\\|");
        }

        @Override
        public void row(List<Object> cells) {
            StringBuilder sb = new StringBuilder("|");
            for (Object v : cells) {
                sb.append(' ').append(cell(Cells.text(v))).append(" |");
            }
            out.println(sb);
        }

        @Override
        public void finish(boolean more) {
            out.flush();
        }
    }

    private static Map<String, Object> object(Schema schema, List<Object> cells) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int c = 0; c < schema.size(); c++) {
            m.put(schema.field(c).name(), Cells.json(cells.get(c)));
        }
        return m;
    }
}
