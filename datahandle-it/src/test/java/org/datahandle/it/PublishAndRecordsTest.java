package org.datahandle.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.datahandle.it.Workflows.handle;
import static org.datahandle.it.Workflows.load;
import static org.datahandle.it.Workflows.rows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.datahandle.AlreadyProducedException;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.DataHandleException;
import org.datahandle.ErrorCode;
import org.datahandle.ExternalWrite;
import org.datahandle.HandleState;
import org.datahandle.NotProducedException;
import org.datahandle.SpecException;
import org.datahandle.StorageException;
import org.datahandle.TableStream;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: publishing is all or nothing even when the commit record cannot be written, bookkeeping
 * files never follow links, records survive a moved project and vouch for content, and reads check
 * what they read.
 */
class PublishAndRecordsTest {
    @TempDir
    Path dir;

    private static final HandleState NOTHING =
            new HandleState(HandleState.DiskState.NOT_PRODUCED, HandleState.MemoryState.NOT_PRODUCED);

    private List<String> visibleAndBookkeeping() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("workflow.yaml") && !n.endsWith(".datahandle.lock")).sorted().toList();
        }
    }

    @Nested
    class AllOrNothing {
        @Test
        void aRecordThatCannotBeWrittenLeavesTheHandleAsBeforeAndARetrySucceeds() throws IOException {
            FaultyDisk disk = new FaultyDisk();
            Workflows.write(dir.resolve("workflow.yaml"), "out:\n  disk:\n    path: [a.csv, b.csv]\n");
            try (Catalog c = Catalog.builder().registry(disk.registry()).load(dir.resolve("workflow.yaml"))) {
                DataHandle h = c.get("out");
                disk.failOn("createExclusive", ".datahandle.json");
                assertThatThrownBy(() -> h.write(rows(10, "a"))).isInstanceOf(StorageException.class)
                        .hasMessageContaining("out").hasMessageContaining("No space left on device");
                assertThat(h.state()).isEqualTo(NOTHING);
                assertThat(visibleAndBookkeeping()).isEmpty(); // nothing at the final names, no staging left
                disk.heal();
                h.write(rows(10, "a"));
                assertThat(h.state().diskProduced()).isTrue();
            }
            try (Catalog c = load(dir, "out:\n  disk:\n    path: [a.csv, b.csv]\n")) {
                assertThat(c.get("out").read().rowCount()).isEqualTo(10);
            }
        }

        @Test
        void aRenameThatFailsHalfWayTakesBackThePartsAlreadyInPlace() throws IOException {
            FaultyDisk disk = new FaultyDisk();
            Workflows.write(dir.resolve("workflow.yaml"), "out:\n  disk:\n    path: [a.csv, b.csv]\n");
            try (Catalog c = Catalog.builder().registry(disk.registry()).load(dir.resolve("workflow.yaml"))) {
                DataHandle h = c.get("out");
                disk.failOn("rename", "b.csv");
                assertThatThrownBy(() -> h.write(rows(10, "a"))).isInstanceOf(StorageException.class);
                assertThat(h.state()).isEqualTo(NOTHING);
                assertThat(visibleAndBookkeeping()).isEmpty();
                disk.heal();
                h.write(rows(10, "a"));
                assertThat(h.state().diskProduced()).isTrue();
            }
        }

        @Test
        void aRecordStagedByAPublishThatDiedIsRemovedByTheNextWriterAndByDelete() throws IOException {
            Path leftover = dir.resolve(".staging-dead0000..out.csv.datahandle.json");
            Files.writeString(leftover, "{}");
            try (Catalog c = load(dir, handle("out", "out.csv"))) {
                c.get("out").write(rows(3, "a"));
                assertThat(leftover).doesNotExist();
                Files.writeString(leftover, "{}");
                c.get("out").deleteDisk();
                assertThat(leftover).doesNotExist();
            }
        }

        @Test
        void aLinkPlantedAtTheLockNameIsNeverFollowed() throws IOException {
            Path victim = dir.resolve("elsewhere").resolve("victim");
            Files.createDirectories(victim.getParent());
            Files.createSymbolicLink(dir.resolve(".out.csv.datahandle.lock"), victim);
            try (Catalog c = load(dir, handle("out", "out.csv"))) {
                assertThatThrownBy(() -> c.get("out").write(rows(3, "a"))).isInstanceOf(DataHandleException.class)
                        .hasMessageContaining("symbolic link");
            }
            assertThat(victim).doesNotExist();
            assertThat(dir.resolve("out.csv")).doesNotExist();
        }

        @Test
        void aLinkPlantedAtTheLockNameOfAnExistingFileLeavesItsTargetUntouched() throws IOException {
            Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
            Files.createSymbolicLink(dir.resolve(".out.csv.datahandle.lock"), victim);
            try (Catalog c = load(dir, handle("out", "out.csv"))) {
                assertThatThrownBy(() -> c.get("out").write(rows(3, "a"))).isInstanceOf(DataHandleException.class);
            }
            assertThat(victim).hasContent("precious");
        }
    }

    @Nested
    class RecordsAreRelativeAndContentChecked {
        private static final String YAML = "out:\n  disk:\n    path: [parts/a.csv, parts/b.csv]\n";

        @Test
        void aMovedProjectStaysProduced() throws IOException {
            Path project = dir.resolve("project");
            try (Catalog c = load(project, YAML)) {
                c.get("out").write(rows(10, "a"));
            }
            Path moved = Files.move(project, dir.resolve("moved"));
            try (Catalog c = Catalog.load(moved.resolve("workflow.yaml"))) {
                assertThat(c.get("out").state().diskProduced()).isTrue();
                assertThat(c.get("out").read().rowCount()).isEqualTo(10);
            }
        }

        @Test
        void aProjectReachedThroughASymbolicLinkStaysProduced() throws IOException {
            Path project = dir.resolve("project");
            try (Catalog c = load(project, YAML)) {
                c.get("out").write(rows(10, "a"));
            }
            Path link = Files.createSymbolicLink(dir.resolve("link"), project);
            try (Catalog c = Catalog.load(link.resolve("workflow.yaml"))) {
                assertThat(c.get("out").state().diskProduced()).isTrue();
                assertThat(c.get("out").read().rowCount()).isEqualTo(10);
            }
        }

        @Test
        void theRecordNamesFilesRelativeToItself() throws IOException {
            try (Catalog c = load(dir, YAML)) {
                c.get("out").write(rows(2, "a"));
            }
            String record = Files.readString(dir.resolve("parts/.a.csv.datahandle.json"));
            assertThat(record).contains("\"path\" : \"a.csv\"", "\"path\" : \"b.csv\"").doesNotContain(dir.toString());
        }

        @Test
        void aTouchedOutputWithTheSameContentIsStillProduced() throws IOException {
            try (Catalog c = load(dir, YAML)) {
                c.get("out").write(rows(10, "a"));
            }
            Path a = dir.resolve("parts/a.csv");
            Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 60_000));
            try (Catalog c = load(dir, YAML)) {
                assertThat(c.get("out").state().diskProduced()).isTrue();
                assertThat(c.get("out").read().rowCount()).isEqualTo(10);
            }
        }

        @Test
        void aFileReplacedWithTheSameSizeAndTimeIsNotServed() throws IOException {
            try (Catalog c = load(dir, YAML)) {
                c.get("out").write(rows(10, "a"));
            }
            Path b = dir.resolve("parts/b.csv");
            FileTime time = Files.getLastModifiedTime(b);
            Files.writeString(b, Files.readString(b).replace("a-7", "X-7"));
            Files.setLastModifiedTime(b, time);
            try (Catalog c = load(dir, YAML)) {
                assertThatThrownBy(() -> c.get("out").read()).isInstanceOf(NotProducedException.class)
                        .hasMessageContaining("b.csv").hasMessageContaining("CRC32C");
                assertThat(c.get("out").state().memoryProduced()).isFalse();
            }
        }

        @Test
        void aPartReplacedWhileItIsStreamedFailsTheStream() throws IOException {
            try (Catalog c = load(dir, YAML)) {
                c.get("out").write(rows(10, "a"));
            }
            Path b = dir.resolve("parts/b.csv");
            FileTime time = Files.getLastModifiedTime(b);
            String replaced = Files.readString(b).replace("a-", "Z-");
            try (Catalog c = load(dir, YAML); TableStream s = c.get("out").stream()) {
                // the stream has checked the disk; now the second part changes under it, same size, same time
                Files.writeString(b, replaced);
                Files.setLastModifiedTime(b, time);
                List<String> names = new ArrayList<>();
                assertThatThrownBy(() -> {
                    while (s.hasNext()) {
                        Table t = s.next();
                        for (int r = 0; r < t.rowCount(); r++) {
                            names.add((String) t.get(r, "name"));
                        }
                    }
                }).isInstanceOf(NotProducedException.class).hasMessageContaining("b.csv")
                        .isInstanceOfSatisfying(NotProducedException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.NOT_PRODUCED);
                            assertThat(e.handleId()).contains("out");
                            assertThat(e.location().path()).hasValueSatisfying(p -> assertThat(p).endsWith("parts/b.csv"));
                            assertThat(e.problem()).startsWith("changed after it was published");
                        });
            }
        }
    }

    @Nested
    class HandlesOwnTheirFiles {
        @Test
        void twoHandlesOnOneFileAreAnErrorAtLoadNamingBoth() {
            String yaml = "a:\n  disk:\n    path: out/x.csv\nc:\n  disk:\n    path: [out/y.csv, out/x.csv]\n";
            assertThatThrownBy(() -> load(dir, yaml)).isInstanceOf(SpecException.class)
                    .hasMessageContaining("'a'").hasMessageContaining("'c'").hasMessageContaining("x.csv");
        }

        @Test
        void aFileThatAnotherHandlesWildcardMatchesIsAnErrorAtLoad() {
            String yaml = "parts:\n  disk:\n    path: 'data/chr*.csv'\none:\n  disk:\n    path: data/chr1.csv\n";
            assertThatThrownBy(() -> load(dir, yaml)).isInstanceOf(SpecException.class)
                    .hasMessageContaining("'parts'").hasMessageContaining("'one'").hasMessageContaining("chr1.csv");
        }

        @Test
        void twoWildcardsThatMeetAreCaughtAtWriteBeforeAnythingIsTouched() throws IOException {
            String yaml = "byKey:\n  disk:\n    path: 'out/p*.csv'\n    partitionBy: k\n"
                    + "everything:\n  disk:\n    path: 'out/*.csv'\n";
            try (Catalog c = load(dir, yaml)) {
                assertThatThrownBy(() -> c.get("byKey").write(keyed("1", "2")))
                        .isInstanceOf(DataHandleException.class)
                        .hasMessageContaining("'everything'").hasMessageContaining("p1.csv")
                        .isInstanceOfSatisfying(DataHandleException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPERATION);
                            assertThat(e.handleId()).contains("byKey");
                            assertThat(e.location().path()).hasValueSatisfying(p -> assertThat(p).endsWith("out/p*.csv"));
                            assertThat(e.problem()).startsWith("nothing was written: ");
                        });
                assertThat(c.get("byKey").state()).isEqualTo(NOTHING);
            }
            assertThat(dir.resolve("out")).doesNotExist();
        }

        @Test
        void theWritersLockCoversEveryFileItPublishes() throws IOException {
            Path other = dir.resolve("other");
            try (Catalog one = load(dir, "a:\n  disk:\n    path: out/x.csv\n");
                    Catalog two = load(other, "c:\n  disk:\n    path: [../out/y.csv, ../out/x.csv]\n");
                    ExternalWrite w = two.get("c").disk().beginExternalWrite()) {
                assertThatThrownBy(() -> one.get("a").write(rows(3, "a")))
                        .isInstanceOf(AlreadyProducedException.class).hasMessageContaining("x.csv")
                        .isInstanceOfSatisfying(AlreadyProducedException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                            assertThat(e.handleId()).contains("a");
                            assertThat(e.location().path()).hasValueSatisfying(p -> assertThat(p).endsWith("out/x.csv"));
                        });
                assertThat(w.paths()).hasSize(2);
            }
        }

        @Test
        void noLockFileIsLeftBehindByAWriteOrADelete() throws IOException {
            try (Catalog c = load(dir, "out:\n  disk:\n    path: [a.csv, b.csv]\n")) {
                c.get("out").write(rows(4, "a"));
                assertThat(names()).containsExactlyInAnyOrder("workflow.yaml", "a.csv", "b.csv",
                        ".a.csv.datahandle.json");
                c.get("out").deleteDisk();
                assertThat(names()).containsExactly("workflow.yaml");
            }
        }

        @Test
        void aPartitionWithAHiddenNameIsPartOfTheProducedData() throws IOException {
            String yaml = "byKey:\n  disk:\n    path: 'out/*.csv'\n    partitionBy: k\n";
            try (Catalog c = load(dir, yaml)) {
                c.get("byKey").write(keyed("a", "_x", "a"));
            }
            assertThat(dir.resolve("out/_x.csv")).exists();
            try (Catalog c = load(dir, yaml)) {
                assertThat(c.get("byKey").state().diskProduced()).isTrue();
                assertThat(c.get("byKey").read().rowCount()).isEqualTo(3);
                c.get("byKey").deleteDisk();
            }
            assertThat(dir.resolve("out/_x.csv")).doesNotExist();
        }

        @Test
        void aDeleteRacingAReadIsNotProducedNotAStorageError() throws IOException {
            FaultyDisk disk = new FaultyDisk();
            Workflows.write(dir.resolve("workflow.yaml"), handle("out", "out.csv"));
            try (Catalog c = Catalog.builder().registry(disk.registry()).load(dir.resolve("workflow.yaml"))) {
                c.get("out").write(rows(3, "a"));
                c.get("out").dropMemory();
                disk.failOn("vanishOnOpen", "out.csv");
                assertThatThrownBy(() -> c.get("out").read()).isInstanceOf(NotProducedException.class)
                        .hasMessageContaining("out.csv");
            }
        }

        private List<String> names() throws IOException {
            try (Stream<Path> files = Files.list(dir)) {
                return files.map(p -> p.getFileName().toString()).toList();
            }
        }

        private List<Map<String, Object>> keyed(String... keys) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < keys.length; i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("k", keys[i]);
                row.put("v", (long) i);
                rows.add(row);
            }
            return rows;
        }
    }

    @Nested
    class SecretsInPaths {
        @Test
        void userInformationInAPathIsRefusedAtLoadWithoutRepeatingIt() {
            String yaml = "calls:\n  disk:\n    path: 's3://KEY123:SECRET456@bucket/x.csv'\n";
            assertThatThrownBy(() -> load(dir, yaml)).isInstanceOf(SpecException.class)
                    .hasMessageContaining("credentials").hasMessageContaining("'calls'")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRET456").doesNotContain("KEY123"));
        }

        @Test
        void credentialsBroughtInByAVariableAreRefusedToo() {
            Workflows.write(dir.resolve("workflow.yaml"), "calls:\n  disk:\n    path: '${DATA}/x.csv'\n");
            assertThatThrownBy(() -> Catalog.builder().environment(Map.of("DATA", "s3://KEY123:SECRET456@bucket"))
                    .load(dir.resolve("workflow.yaml"))).isInstanceOf(SpecException.class)
                    .hasMessageContaining("credentials")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRET456"));
        }
    }

    @Nested
    class SmallerPoints {
        @Test
        void aNullValueMapIsRefusedAtLoadAsValidateRefusesItAndAListIsTaken() {
            String yaml = "t:\n  disk:\n    path: t.csv\n    options: {nullValue: {NA: '.'}}\n";
            assertThatThrownBy(() -> load(dir, yaml)).isInstanceOf(SpecException.class)
                    .hasMessageContaining("handle 't'").hasMessageContaining("nullValue")
                    .hasMessageContaining("list of texts");
            try (Catalog c = load(dir, "t:\n  disk:\n    path: t.csv\n    options: {nullValue: [NA, '.']}\n")) {
                assertThat(c.get("t").spec().disk().orElseThrow().options()).containsKey("nullValue");
            }
        }

        @Test
        void handleIdsWithLineBreaksControlOrEscapeCharactersAreRefused() {
            for (String id : List.of("a\\nb", "a\\u001b[31mred", "a\\u0000b", "a\\u202eb", "two words")) {
                String yaml = "\"" + id + "\":\n  disk:\n    path: x.csv\n";
                assertThatThrownBy(() -> load(dir, yaml)).as(id).isInstanceOf(SpecException.class)
                        .hasMessageContaining("handle id")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n" + "b").doesNotContain("\u001b")
                                .doesNotContain("\u0000").doesNotContain("\u202e"));
            }
            try (Catalog c = load(dir, "fine-id_1.x:\n  disk:\n    path: x.csv\n")) {
                assertThat(c.get("fine-id_1.x").id()).isEqualTo("fine-id_1.x");
                assertThatThrownBy(() -> c.temporary("bad\nid")).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }
}
