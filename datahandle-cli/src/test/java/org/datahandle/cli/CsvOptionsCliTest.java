package org.datahandle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.datahandle.Catalog;
import org.datahandle.SpecException;
import org.datahandle.cli.CliProcess.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CSV options of real-world files from the command line (flags on a path, and {@code validate} of a
 * workflow), and the one validation behind both: what the loader takes, {@code validate} takes.
 */
class CsvOptionsCliTest {
    private static final Charset CP1252 = Charset.forName("windows-1252");

    /** A spreadsheet export as they come: cp1252, ';', decimal commas, a '#' preamble, a duplicate header. */
    private static final String QUIRKY = """
            # Export Kassenbuch – Filiale Köln
            # Beträge in €
            Datum;Artikel;Betrag;Betrag;Menge
            31/01/2024;Käse;1.234,50;3,14;1
            01/02/2024;Brötchen;0,99;-2,5;NA
            """;

    @TempDir
    Path dir;

    @Test
    void headReadsTheQuirkyExportWithFlags() throws IOException {
        Path file = dir.resolve("export.csv");
        Files.write(file, QUIRKY.getBytes(CP1252));
        Result plain = CliProcess.run(dir, "head", file.toString(), "--delimiter", ";");
        assertThat(plain.exitCode()).as(plain.toString()).isNotZero();
        assertThat(plain.err()).contains("--encoding").doesNotContain("Exception");

        Result r = CliProcess.run(dir, "head", file.toString(), "--delimiter", ";", "--encoding", "cp1252",
                "--decimal", ",", "--thousands", ".", "--comment", "#", "--date-format", "dd/MM/yyyy",
                "--null-value", "NA", "--null-value", "-", "-o", "csv");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("Datum,Artikel,Betrag,Betrag_2,Menge\n")
                .contains("2024-01-31,Käse,1234.5,3.14,1\n").contains("2024-02-01,Brötchen,0.99,-2.5,\n");

        Result schema = CliProcess.run(dir, "schema", "--json", file.toString(), "--delimiter", ";", "--encoding",
                "cp1252", "--decimal", ",", "--thousands", ".", "--comment", "#", "--date-format", "%d/%m/%Y",
                "--null-value", "NA", "--columns", "Betrag_2:Rabatt,Datum");
        assertThat(schema.exitCode()).as(schema.toString()).isZero();
        assertThat(schema.out()).contains("Rabatt").contains("float64").contains("Datum").contains("date")
                .doesNotContain("Artikel");
    }

    @Test
    void inferRowsAndBadRowsFromTheCommandLine() throws IOException {
        StringBuilder sb = new StringBuilder("id,v\n");
        for (int i = 0; i < 70_000; i++) {
            sb.append(i).append(',').append(i % 10).append('\n');
        }
        sb.append("70000,n/a\n");
        Path file = dir.resolve("big.csv");
        Files.writeString(file, sb.toString());
        Path out = dir.resolve("out.csv");

        // types from the first 65,536 rows of the stream: the error says which option widens the sample
        Result failing = CliProcess.run(dir, "convert", file.toString(), out.toString());
        assertThat(failing.exitCode()).as(failing.toString()).isNotZero();
        assertThat(failing.err()).contains("line 70002").contains("inferRows").contains("--infer-rows");
        assertThat(out).doesNotExist();

        Files.writeString(file, "70001,1,extra\n", java.nio.file.StandardOpenOption.APPEND);
        Result r = CliProcess.run(dir, "convert", file.toString(), out.toString(), "--infer-rows", "all",
                "--bad-rows", "skip");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("skipped 1 bad row").contains("line 70003: expected 2 fields, got 3");
        assertThat(Files.readAllLines(out)).hasSize(70_002).endsWith("70000,n/a");
    }

    @Test
    void validateRefusesABadOptionNamingHandleAndOption() {
        Path wf = Workflows.write(dir, "wf.yaml", """
                export:
                  disk:
                    path: export.csv
                    options: {delimiter: ';', decimal: ';'}
                fine:
                  disk:
                    path: fine.csv
                    options: {encoding: cp1252, nullValue: [NA, '-'], columns: {a: b}, inferRows: all}
                """);
        Result r = CliProcess.run(dir, "validate", "--json", wf.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SPEC);
        assertThat(r.json().get("errors")).hasSize(1);
        assertThat(r.json().get("errors").get(0).get("handle").asText()).isEqualTo("export");
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("disk.options.decimal");
        assertThat(r.json().get("errors").get(0).get("problem").asText()).contains("option 'decimal'");
    }

    /**
     * One validation, two callers: for good and bad values of every option, the loader and
     * {@code validate} (the library plus the JSON Schema) agree on whether the spec is valid.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "{encoding: cp1252}", "{encoding: latin-1}", "{encoding: UTF-16}", "{encoding: klingon}", "{encoding: 5}",
        "{encoding: ~}", "{decimal: ',', delimiter: ';'}", "{decimal: ','}", "{decimal: 5}", "{decimal: ''}",
        "{thousands: '.', decimal: ',', delimiter: ';'}", "{thousands: ''}", "{thousands: ' '}", "{thousands: 3}",
        "{dateFormat: dd/MM/yyyy}", "{dateFormat: '%d/%m/%Y'}", "{dateFormat: 'dd/MM/yyyy HH:mm'}", "{dateFormat: ''}",
        "{dateFormat: 2024}", "{timestampFormat: 'dd.MM.yyyy HH:mm'}", "{timestampFormat: '%q'}", "{skipRows: 2}",
        "{skipRows: '2'}", "{skipRows: -1}", "{skipRows: 2.5}", "{skipRows: two}", "{skipRows: ~}", "{comment: '#'}",
        "{comment: a}", "{comment: ''}", "{comment: 7}", "{nullValue: NA}", "{nullValue: [NA, '.', '']}",
        "{nullValue: []}", "{nullValue: {a: b}}", "{nullValue: 0}", "{nullValue: [[a]]}", "{columns: [a, b]}",
        "{columns: {a: x, b: y}}", "{columns: 'a,b:c'}", "{columns: [a, a]}", "{columns: []}", "{columns: 7}",
        "{columns: {a: x, b: x}}", "{inferRows: 100}", "{inferRows: all}", "{inferRows: ALL}", "{inferRows: 0}",
        "{inferRows: some}", "{badRows: fail}", "{badRows: skip}", "{badRows: Skip}", "{badRows: ignore}",
        "{badRows: true}", "{header: 'true'}", "{header: maybe}", "{quote: ''}", "{quote: ~}", "{delimiter: 5}",
        "{delimiter: tab}", "{inferTypes: 'FALSE'}", "{schema: ~}", "{schema: {a: int32}}", "{schema: {a: 5}}"})
    void theLoaderAndValidateAcceptAndRefuseTheSameSpecs(String options) {
        Path wf = Workflows.write(dir, "wf.yaml", "h:\n  disk:\n    path: h.csv\n    options: " + options + "\n");
        List<SpecException> library = Catalog.builder().validate(wf);
        List<SpecException> validate = ValidateCommand.errors(wf);
        assertThat(validate.isEmpty()).as(options + ": library " + library + ", validate " + validate)
                .isEqualTo(library.isEmpty());
        for (SpecException e : library) {
            assertThat(e.handleId()).hasValue("h");
            assertThat(e.field().orElseThrow()).startsWith("disk.options");
        }
    }
}
