package org.datahandle.internal.catalog;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datahandle.DataFormatException;
import org.datahandle.DataHandle;
import org.datahandle.DataHandleException;
import org.datahandle.DataHandleSpec;
import org.datahandle.DiskInterface;
import org.datahandle.ErrorCode;
import org.datahandle.ErrorLocation;
import org.datahandle.HandleState;
import org.datahandle.NotProducedException;
import org.datahandle.StorageException;
import org.datahandle.MemoryFormat;
import org.datahandle.TableSink;
import org.datahandle.TableStream;
import org.datahandle.TypeRef;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.internal.memory.MemoryConversions;
import org.datahandle.internal.storage.CommitRecord;
import org.datahandle.internal.publish.StagedWrite;
import org.datahandle.internal.state.DiskCell;
import org.datahandle.internal.storage.DiskCheck;
import org.datahandle.internal.storage.DiskOptions;
import org.datahandle.internal.state.MemoryBudget;
import org.datahandle.internal.state.MemoryCell;
import org.datahandle.internal.table.TableDisk;
import org.datahandle.spi.Codec;
import org.datahandle.spi.DocumentCodec;
import org.datahandle.spi.MemoryFormAccess;
import org.datahandle.spi.MemoryFormProvider;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.Registry;
import org.datahandle.spi.TableReader;
import org.datahandle.spi.TableWriter;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * A handle: a memory cell, a disk cell (absent when temporary), and the moves between them —
 * D2M inside {@link #read()}, M2D inside {@link #write(Object)}.
 */
public final class Handle implements DataHandle {
    private final DataHandleSpec spec;
    private final MemoryCell memory;
    private final DiskCell disk;
    /** The disk when it is a database table instead of files; then {@link #disk} is null. */
    private final TableDisk table;
    private final Registry registry;
    private final Map<Class<?>, Object> contexts;
    private volatile Codec codec;

    /**
     * A handle; {@code disk} is null exactly when the spec is temporary.
     *
     * @param budget the catalog's memory budget; only memory whose disk is produced is ever evicted
     */
    public Handle(DataHandleSpec spec, DiskCell disk, Registry registry, MemoryBudget budget) {
        this(spec, disk, registry, budget, Map.of());
    }

    /** @param contexts what the engine handed the catalog for modules' memory forms, by type */
    public Handle(DataHandleSpec spec, DiskCell disk, Registry registry, MemoryBudget budget,
            Map<Class<?>, Object> contexts) {
        this(spec, disk, null, registry, budget, contexts);
        if (spec.temporary() != (disk == null)) {
            throw new IllegalArgumentException("handle '" + spec.id() + "': a disk cell goes with a disk spec");
        }
    }

    /** A handle whose disk is a database table. */
    public static Handle onTable(DataHandleSpec spec, TableDisk table, Registry registry, MemoryBudget budget,
            Map<Class<?>, Object> contexts) {
        return new Handle(spec, null, requireNonNull(table, "table is null"), registry, budget, contexts);
    }

    private Handle(DataHandleSpec spec, DiskCell disk, TableDisk table, Registry registry, MemoryBudget budget,
            Map<Class<?>, Object> contexts) {
        this.contexts = Map.copyOf(contexts);
        this.spec = requireNonNull(spec, "spec is null");
        this.memory = new MemoryCell(spec.id(), budget, () -> table != null ? table.check().produced()
                : disk != null && disk.check().produced());
        this.disk = disk;
        this.table = table;
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public DataHandleSpec spec() {
        return spec;
    }

    @Override
    public Table read() {
        Optional<MemoryFormProvider> form = form();
        if (form.isPresent()) {
            return fromForm(form.get(), memoryValue(), Table.class);
        }
        return MemoryConversions.toTable(memoryValue(), id());
    }

    @Override
    public <T> T read(Class<T> type) {
        requireNonNull(type, "type is null");
        Optional<MemoryFormProvider> form = form();
        if (form.isPresent()) {
            return fromForm(form.get(), memoryValue(), type);
        }
        return MemoryConversions.convert(memoryValue(), type, id());
    }

    @Override
    @SuppressWarnings("unchecked") // Jackson built a value of exactly the captured type
    public <T> T read(TypeRef<T> type) {
        requireNonNull(type, "type is null");
        Optional<MemoryFormProvider> form = form();
        if (form.isPresent()) {
            if (type.type() instanceof Class<?> c) {
                return (T) fromForm(form.get(), memoryValue(), c);
            }
            throw new UnsupportedFormatException(id(), ErrorLocation.UNKNOWN, "the handle holds memory form '"
                    + spec.memory().name() + "', which converts to classes, not to " + type.type());
        }
        return (T) MemoryConversions.convert(memoryValue(), type.type(), id());
    }

    /** A module's memory form, when the spec names one. */
    private Optional<MemoryFormProvider> form() {
        if (!spec.memory().isModuleForm()) {
            return Optional.empty();
        }
        return Optional.of(registry.memoryForm(spec.memory().name()).orElseThrow(() -> new UnsupportedFormatException(
                id(), ErrorLocation.UNKNOWN, "memory format '" + spec.memory().name() + "' is not registered, so read() and"
                        + " write() are not available"
                        + Registry.memoryFormArtifact(spec.memory().name())
                                .map(a -> "; it is provided by " + a + ", which is not on the class path").orElse("")
                        + ". External tools can still use disk().pathsForRead() and disk().beginExternalWrite().")));
    }

    private <T> T fromForm(MemoryFormProvider form, Object value, Class<T> type) {
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        return form.convert(value, type, access()).orElseThrow(() -> new UnsupportedFormatException(id(),
                ErrorLocation.UNKNOWN, "the handle holds memory form '" + form.name() + "' (" + form.type().getName()
                        + "), which does not convert to " + type.getName()));
    }

    /** What a module's memory form sees of this handle. */
    private MemoryFormAccess access() {
        return new MemoryFormAccess() {
            @Override
            public String handleId() {
                return id();
            }

            @Override
            public DataHandleSpec spec() {
                return spec;
            }

            @Override
            public Optional<DiskInterface> disk() {
                return disk == null ? Optional.empty() : Optional.of(Handle.this.disk());
            }

            @Override
            public <T> Optional<T> context(Class<T> type) {
                return Optional.ofNullable(contexts.get(type)).map(type::cast);
            }
        };
    }

    private Object memoryValue() {
        return memory.getOrLoad(this::load);
    }

    /** D2M. */
    private Object load() {
        if (table != null) {
            try (TableReader reader = table.openReader()) {
                return MemoryConversions.toMemory(reader.readAll(), spec.memory().format(), id());
            } catch (DataFormatException e) {
                throw e.withHandle(id());
            } catch (IOException e) {
                throw new StorageException(id(), ErrorLocation.of(table.location().uri()), "cannot read table", e);
            }
        }
        if (disk == null) {
            throw new NotProducedException(id(), ErrorLocation.UNKNOWN, "a temporary handle not written yet");
        }
        Optional<MemoryFormProvider> form = form();
        if (form.isPresent()) {
            return form.get().load(access());
        }
        DiskCheck files = disk.requireProduced();
        Optional<DocumentCodec> documents = documents();
        try {
            if (documents.isPresent()) {
                List<Object> docs = new ArrayList<>();
                for (ReadSource source : disk.sources(files)) {
                    docs.add(documents.get().read(source));
                }
                return MemoryConversions.toMemory(docs.size() == 1 ? docs.get(0) : docs, spec.memory().format(), id());
            }
            try (TableReader reader = codecFor(files).openReader(disk.sources(files), spec.memory().format())) {
                Table table = reader.readAll();
                return MemoryConversions.toMemory(table, spec.memory().format(), id());
            }
        } catch (DataFormatException e) {
            throw e.withHandle(id());
        } catch (IOException e) {
            throw new StorageException(id(), ErrorLocation.of(disk.spec()), "cannot read", e);
        } catch (OutOfMemoryError | StackOverflowError e) {
            throw exhausted(e);
        }
    }

    /**
     * A parser that a file can still drive past the heap or the stack (what the limits of
     * docs/limits.md do not catch) ends the read with a data error, not a JVM {@code Error}; by the
     * time it is caught here, what the read had built is garbage again.
     */
    DataFormatException exhausted(VirtualMachineError e) {
        String what = e instanceof StackOverflowError ? "nests too deeply for the parser's stack"
                : "needs more memory than the heap has";
        return new DataFormatException(id(), disk.spec().pathList().get(0).path(), -1, -1, -1, "reading failed: the"
                + " data " + what + " (" + e.getClass().getSimpleName() + "); see docs/limits.md", e);
    }

    @Override
    public void write(Object data) {
        requireNonNull(data, "data is null");
        Optional<MemoryFormProvider> form = form();
        if (form.isPresent()) {
            memory.produce(() -> {
                Object value = form.get().accept(data, access());
                if (disk != null) {
                    form.get().dump(value, access());
                }
                return value;
            });
            return;
        }
        memory.produce(() -> {
            Object value = MemoryConversions.toMemory(data, spec.memory().format(), id());
            if (table != null) {
                table.write(MemoryConversions.toTable(value, id()));
            } else if (disk != null) {
                if (documents().isPresent()) {
                    dumpDocument(documents().get(), MemoryConversions.toDocument(value, id()));
                } else {
                    dump(MemoryConversions.toTable(value, id()));
                }
            }
            return value;
        });
    }

    /**
     * M2D: the rows split into one contiguous slice per path (or one file per value of the partition
     * column), staged, then published as one unit.
     */
    private void dump(Table table) {
        refuseFolder();
        Codec c = codec(); // fail on a missing codec before taking the lock
        Map<String, Table> partitions = null;
        StagedWrite w;
        if (disk.spec().isPartitioned()) {
            partitions = Partitions.split(table, disk.spec().partitionBy().orElseThrow(), id());
            w = disk.beginPartitionedWrite(List.copyOf(partitions.keySet()));
        } else {
            w = disk.beginWrite();
        }
        try {
            int parts = w.targets().size();
            List<Table> slices = partitions != null ? List.copyOf(partitions.values()) : null;
            int rows = table.rowCount();
            for (int i = 0; i < parts; i++) {
                Table slice = slices != null ? slices.get(i)
                        : parts == 1 ? table
                        : table.slice((int) ((long) rows * i / parts), (int) ((long) rows * (i + 1) / parts));
                try (TableWriter writer = c.openWriter(disk.target(w, i), table.schema())) {
                    writer.write(slice);
                }
            }
            w.publish(table.schema().fields().stream()
                    .map(f -> new CommitRecord.ColumnRecord(f.name(), f.type().typeName())).toList());
        } catch (DataFormatException e) {
            throw e.withHandle(id());
        } catch (IOException e) {
            throw new StorageException(id(), ErrorLocation.of(disk.spec()), "cannot write", e);
        } finally {
            disk.endWrite(w);
        }
    }

    /** M2D of a document: one file; a handle with several paths holds a list, one document per path. */
    private void dumpDocument(DocumentCodec documents, Object document) {
        refuseFolder();
        StagedWrite w = disk.beginWrite();
        try {
            int parts = w.targets().size();
            if (parts > 1 && !(document instanceof List<?> list && list.size() == parts)) {
                throw new DataHandleException(ErrorCode.INVALID_OPERATION, id(), ErrorLocation.of(disk.spec()),
                        "the handle has " + parts + " paths, so it needs a list of " + parts + " documents, one per path");
            }
            for (int i = 0; i < parts; i++) {
                documents.write(disk.target(w, i), parts == 1 ? document : ((List<?>) document).get(i));
            }
            w.publish(List.of());
        } catch (DataFormatException e) {
            throw e.withHandle(id());
        } catch (IOException e) {
            throw new StorageException(id(), ErrorLocation.of(disk.spec()), "cannot write", e);
        } finally {
            disk.endWrite(w);
        }
    }

    /** Documents are used when the memory format is a document and the codec can read whole documents. */
    private Optional<DocumentCodec> documents() {
        MemoryFormat format = spec.memory().format();
        if (format != MemoryFormat.OBJECT && format != MemoryFormat.JSON) {
            return Optional.empty();
        }
        return codec().documents();
    }

    @Override
    public TableSink sink(Schema schema) {
        requireNonNull(schema, "schema is null");
        if (table != null) {
            return table.sink(schema);
        }
        if (disk == null) {
            throw new DataHandleException(ErrorCode.INVALID_OPERATION, id(), ErrorLocation.UNKNOWN,
                    "a temporary handle has no disk to stream to");
        }
        refuseFolder();
        Codec c = codec();
        StagedWrite w = disk.beginWrite();
        try {
            if (w.targets().size() != 1) {
                throw new DataHandleException(ErrorCode.INVALID_OPERATION, id(), ErrorLocation.of(disk.spec()),
                        "a streaming sink writes one file, but the handle has " + w.targets().size()
                                + " paths; write() splits a table across paths");
            }
            return new StagedSink(id(), schema, c.openWriter(disk.target(w, 0), schema), w, disk);
        } catch (IOException e) {
            disk.endWrite(w);
            throw new StorageException(id(), ErrorLocation.of(disk.spec()), "cannot open", e);
        } catch (RuntimeException e) {
            disk.endWrite(w);
            throw e;
        }
    }

    @Override
    public HandleState state() {
        HandleState.DiskState diskState = table != null ? table.state()
                : disk == null ? HandleState.DiskState.NONE : disk.state();
        return new HandleState(diskState, memory.state());
    }

    @Override
    public void dropMemory() {
        memory.drop();
    }

    /** For a temporary handle, whose only copy is memory, this drops memory. */
    @Override
    public void deleteDisk() {
        if (table != null) {
            table.delete();
        } else if (disk != null) {
            disk.delete();
        }
        memory.drop();
    }

    @Override
    public DiskInterface disk() {
        if (table != null) {
            return table.diskInterface(memory::drop);
        }
        if (disk == null) {
            throw new DataHandleException(ErrorCode.INVALID_OPERATION, id(), ErrorLocation.UNKNOWN,
                    "a temporary handle has no disk for external tools");
        }
        return new HandleDisk(id(), disk, memory);
    }

    @Override
    public TableStream stream() {
        if (table != null) {
            return new ReaderStream(id(), table.openReader(), e -> new DataFormatException(id(),
                    table.location().uri(), -1, -1, -1, "reading the table failed: " + e.getClass().getSimpleName(), e));
        }
        if (disk == null) {
            throw new NotProducedException(id(), ErrorLocation.UNKNOWN, "a temporary handle has no disk to stream from");
        }
        DiskCheck files = disk.requireProduced();
        try {
            return new ReaderStream(id(), codecFor(files).openStream(disk.sources(files)), this::exhausted);
        } catch (OutOfMemoryError | StackOverflowError e) {
            throw exhausted(e);
        } catch (DataFormatException e) {
            throw e.withHandle(id());
        } catch (IOException e) {
            throw new StorageException(id(), ErrorLocation.of(disk.spec()), "cannot open", e);
        }
    }

    /**
     * The codec for reading data: for data the library wrote, typed by the schema in its commit
     * record rather than inferred again, so memory evicted under a budget (or read by a new
     * catalog) comes back with the types it was written with — an int64 column of small numbers
     * stays int64. Only for codecs that take a {@code schema} option and when the YAML gives none.
     */
    private Codec codecFor(DiskCheck files) {
        if (files.schema().isEmpty() || disk.spec().options().containsKey("schema")) {
            return codec();
        }
        var factory = registry.requireCodec(disk.spec().format(), id());
        if (!factory.optionNames().contains("schema")) {
            return codec();
        }
        Map<String, Object> recorded = new java.util.LinkedHashMap<>();
        for (CommitRecord.ColumnRecord column : files.schema()) {
            if (org.datahandle.table.DataType.parse(column.type()).isEmpty()) {
                return codec(); // a type this version cannot spell back: inference it is
            }
            recorded.put(column.name(), column.type());
        }
        Map<String, Object> options = new java.util.LinkedHashMap<>(DiskOptions.forCodec(disk.spec(), registry));
        options.put("schema", recorded);
        try {
            return factory.create(options);
        } catch (IllegalArgumentException e) {
            return codec(); // the codec cannot take this schema (a nested type in CSV): infer as before
        }
    }

    /**
     * A folder path is a job's output: its parts and their names are the job's. The library reads such
     * a folder, but writes it only through a memory form that runs the job (spark) or an external write.
     */
    private void refuseFolder() {
        if (disk.layout().isFolder()) {
            throw new UnsupportedFormatException(id(), ErrorLocation.of(disk.spec()), "the path is a folder"
                    + " path (it ends in '/'), which holds a job's part files; write it with memory.format spark"
                    + " (org.datahandle:datahandle-spark) or through disk().beginExternalWrite(), or declare a file path");
        }
    }

    private Codec codec() {
        Codec c = codec;
        if (c == null) {
            String format = disk.spec().format();
            c = registry.requireCodec(format, id()).create(DiskOptions.forCodec(disk.spec(), registry));
            codec = c;
        }
        return c;
    }
}
