package org.datahandle.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.TableStream;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.StringColumn;
import org.datahandle.table.Table;

/**
 * Runs one case in this (fresh) JVM: warm-up runs, then the best of N timed runs, and prints one
 * {@code RESULT} line for {@link Bench}. Peak memory is that of the timed runs.
 */
public final class CaseMain {
    private CaseMain() {}

    public static void main(String[] args) throws Exception {
        String name = args[0];
        DataGenerator.DataFiles files = new DataGenerator.DataFiles(Path.of(args[1]));
        int iterations = Integer.parseInt(args[2]);
        int warmups = Integer.parseInt(args[3]);
        if (name.equals("startup")) {
            startup(files);
            return;
        }
        if (name.equals("heap")) {
            heap(files);
            return;
        }
        HeapPeak heap = new HeapPeak();
        long best = Long.MAX_VALUE;
        long bestCpu = -1;
        long bestChildrenCpu = -1;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long first = -1;
        long check = -1;
        long peakHeap = 0;
        try (BenchCase c = Cases.create(name, files)) {
            for (int i = 0; i < warmups + iterations; i++) {
                c.beforeEach();
                heap.reset();
                long cpu0 = os.getProcessCpuTime();
                long children0 = childrenCpuNanos();
                long t0 = System.nanoTime();
                long value = c.run();
                long t = System.nanoTime() - t0;
                long cpu = os.getProcessCpuTime() - cpu0;
                long children = childrenCpuNanos() - children0;
                if (check >= 0 && value != check) {
                    throw new IllegalStateException(name + ": run " + i + " gave " + value + ", an earlier run " + check);
                }
                check = value;
                if (first < 0) {
                    first = t;
                }
                if (i >= warmups) {
                    if (t < best) {
                        best = t;
                        bestCpu = cpu; // the whole process's CPU (all threads, GC and JIT included) in that run
                        bestChildrenCpu = children0 < 0 ? -1 : children;
                    }
                    peakHeap = Math.max(peakHeap, heap.peakBytes());
                }
            }
        }
        if (name.endsWith(".dh") && (name.startsWith("bgzf") || name.startsWith("vcf") || name.startsWith("csvbgz")
                || name.startsWith("writebgz"))) {
            // which deflate ran (libdeflate or the JDK's zlib), asked after the timed runs
            System.out.println("deflate provider: "
                    + org.datahandle.formats.compress.DeflateProviders.selected().name());
        }
        System.out.println("RESULT\t" + name + "\t" + best + "\t" + first + "\t" + peakHeap + "\t" + HeapPeak.peakRss()
                + "\t" + check + "\t" + bestCpu + "\t" + bestChildrenCpu);
    }

    /**
     * CPU time of the child processes this JVM has waited for (a tool case's {@code bcftools} or
     * {@code bgzip}), which {@code getProcessCpuTime} leaves out: {@code cutime + cstime} of
     * {@code /proc/self/stat}, in clock ticks of 1/100 s; -1 where there is no /proc.
     */
    static long childrenCpuNanos() {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state is f[0], so cutime and cstime are f[13] and f[14]
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 10_000_000L;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Time from JVM start to the first row of a local CSV handle, and the classes loaded by then (the
     * parent JVM runs this one with class-load logging and looks for Hadoop classes in the log).
     */
    private static void startup(DataGenerator.DataFiles files) {
        long firstRowMillis;
        int rows;
        try (Catalog c = Catalog.load(files.workflow); TableStream s = c.get("small").stream()) {
            Table t = s.next();
            firstRowMillis = ManagementFactory.getRuntimeMXBean().getUptime();
            rows = t.rowCount();
        }
        int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        System.out.println("RESULT\tstartup\t" + firstRowMillis * 1_000_000 + "\t" + firstRowMillis * 1_000_000
                + "\t0\t" + HeapPeak.peakRss() + "\t" + rows + "\t" + classes);
    }

    /** A loaded CSV table's heap: retained heap measured after GC, the table's own estimate, and the raw column bytes. */
    private static void heap(DataGenerator.DataFiles files) {
        try (Catalog c = Catalog.load(files.workflow)) {
            c.get("small").read(); // loads the classes and registry, so the baseline below holds them
        }
        long before = HeapPeak.liveHeap();
        Table table;
        try (Catalog c = Catalog.load(files.workflow)) {
            DataHandle h = c.get("csv");
            table = h.read();
        }
        long retained = HeapPeak.liveHeap() - before;
        long raw = 0;
        for (int i = 0; i < table.columnCount(); i++) {
            raw += rawBytes(table.column(i), table.schema().field(i).type(), table.rowCount());
        }
        System.out.println("RESULT\theap\t" + retained + "\t" + table.heapBytes() + "\t" + raw + "\t" + HeapPeak.peakRss()
                + "\t" + table.rowCount() + "\t" + table.schema());
    }

    /** Value bytes only: 4 or 8 per fixed-width value, the UTF-8 bytes of each string; no offsets, no null bits. */
    private static long rawBytes(Column column, DataType type, int rows) {
        if (column instanceof StringColumn s) {
            long bytes = 0;
            for (int r = 0; r < rows; r++) {
                if (!s.isNull(r)) {
                    bytes += s.utf8Length(r);
                }
            }
            return bytes;
        }
        if (type == DataType.INT32 || type == DataType.DATE || type == DataType.FLOAT32) {
            return 4L * rows;
        }
        if (type == DataType.BOOLEAN) {
            return rows / 8L;
        }
        return 8L * rows;
    }
}
