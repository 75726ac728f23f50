package org.datahandle;

import static java.util.Objects.requireNonNull;

/**
 * The memory interface of a handle. Memory is never produced when a process starts, so the spec
 * carries only the format; the live state is {@link DataHandle#state()}.
 *
 * <p>A handle holds its data either in one of the built-in {@link MemoryFormat}s, or in a memory
 * form that a module adds through {@link org.datahandle.spi.MemoryFormProvider} (for example
 * {@code spark} and {@code rdd} from {@code org.datahandle:datahandle-spark}). For such a form,
 * {@link #format()} is {@link MemoryFormat#OBJECT} (the data is kept as the form holds it) and
 * {@link #name()} is the form's YAML name.
 *
 * @param format how the data is held in memory; {@code OBJECT} for a module's memory form
 * @param name the YAML name: {@code format().yamlName()} for a built-in format, else the module's form
 */
public record MemorySpec(MemoryFormat format, String name) {
    public MemorySpec {
        requireNonNull(format, "format is null");
        requireNonNull(name, "name is null");
        if (MemoryFormat.fromYamlName(name).filter(f -> f != format).isPresent()) {
            throw new IllegalArgumentException("memory form '" + name + "' is the built-in format "
                    + MemoryFormat.fromYamlName(name).get() + ", not " + format);
        }
        if (MemoryFormat.fromYamlName(name).isEmpty() && format != MemoryFormat.OBJECT) {
            throw new IllegalArgumentException("a module's memory form ('" + name + "') is held as OBJECT, not " + format);
        }
    }

    /** A built-in format. */
    public MemorySpec(MemoryFormat format) {
        this(format, requireNonNull(format, "format is null").yamlName());
    }

    public static MemorySpec of(MemoryFormat format) {
        return new MemorySpec(format);
    }

    /**
     * A memory form added by a module ({@code spark}, {@code rdd}).
     *
     * @since 0.2
     */
    public static MemorySpec ofForm(String name) {
        requireNonNull(name, "name is null");
        return MemoryFormat.fromYamlName(name).map(MemorySpec::new)
                .orElseGet(() -> new MemorySpec(MemoryFormat.OBJECT, name));
    }

    /**
     * True when the form is added by a module rather than built in.
     *
     * @since 0.2
     */
    public boolean isModuleForm() {
        return MemoryFormat.fromYamlName(name).isEmpty();
    }
}
