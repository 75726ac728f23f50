package org.datahandle.formats.parquet;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.datahandle.table.Column;
import org.datahandle.table.ListColumn;
import org.datahandle.table.StructColumn;

/**
 * parquet-java's record assembly (repetition and definition levels to nested values) driving
 * converters that append straight into DataHandle column builders: no row objects, no boxing of
 * primitive cells. The tree mirrors {@link ReadMapping}.
 */
final class Converters {
    private final ReadMapping mapping;

    Converters(ReadMapping mapping) {
        this.mapping = mapping;
    }

    ReadMapping mapping() {
        return mapping;
    }

    /** A materializer filling {@code builders}, one per top-level field of {@code message}. */
    RecordMaterializer<Boolean> materializer(MessageType message, List<Column.Builder> builders) {
        List<Slot> list = new ArrayList<>();
        for (int i = 0; i < message.getFieldCount(); i++) {
            Type t = message.getType(i);
            list.add(slot(t, t.getName(), builders.get(i)));
        }
        Slots slots = new Slots(list);
        GroupConverter root = new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
                return slots.converter(fieldIndex);
            }

            @Override
            public void start() {
                slots.reset();
            }

            @Override
            public void end() {
                slots.finish();
            }
        };
        return new RecordMaterializer<>() {
            @Override
            public Boolean getCurrentRecord() {
                return Boolean.TRUE;
            }

            @Override
            public GroupConverter getRootConverter() {
                return root;
            }
        };
    }

    /** A field inside a group: what to do when the group starts and ends. */
    private interface Slot {
        /** Appends the field's values. */
        Appender appender();

        default Converter converter() {
            return appender().asConverter();
        }

        /** The enclosing group started: forget a value of the last one. */
        default void reset() {
            appender().takeWritten();
        }

        /** The enclosing group ended: complete this field's value for it. */
        void finish();
    }

    /** The fields of a group (the root or a struct), in order. */
    private record Slots(List<Slot> list) {
        Converter converter(int fieldIndex) {
            return list.get(fieldIndex).converter();
        }

        /** A group started. */
        void reset() {
            for (Slot s : list) {
                s.reset();
            }
        }

        /** The group ended. */
        void finish() {
            for (Slot s : list) {
                s.finish();
            }
        }
    }

    /** An optional or required field: one value, or a null when the group lacks it. */
    private record ValueSlot(Appender appender, Column.Builder builder) implements Slot {
        @Override
        public void finish() {
            if (!appender.takeWritten()) {
                builder.appendNull();
            }
        }
    }

    /** A repeated field without LIST: each occurrence is an element; the list ends with the group. */
    private record RepeatedSlot(Appender appender, ListColumn.Builder list) implements Slot {
        @Override
        public void finish() {
            list.endList();
        }
    }

    private Slot slot(Type t, String path, Column.Builder builder) {
        if (t.isRepetition(Type.Repetition.REPEATED)) {
            ListColumn.Builder list = (ListColumn.Builder) builder;
            return new RepeatedSlot(appender(t, path, list.elements()), list);
        }
        return new ValueSlot(appender(t, path, builder), builder);
    }

    /** A converter appending one value of {@code t} (repetition aside) per occurrence. */
    private Appender appender(Type t, String path, Column.Builder builder) {
        if (t.isPrimitive()) {
            return mapping.leaf(t.asPrimitiveType(), path).converter().apply(builder);
        }
        GroupType g = t.asGroupType();
        if (ReadMapping.isList(g) || ReadMapping.isMap(g)) {
            ListColumn.Builder list = (ListColumn.Builder) builder;
            Type repeated = mapping.repeatedChild(g, path);
            String repeatedPath = path + "." + repeated.getName();
            Converter child;
            if (ReadMapping.isMap(g) || ReadMapping.repeatedIsElement(g, repeated)) {
                child = appender(repeated, repeatedPath, list.elements()).asConverter();
            } else {
                Type element = repeated.asGroupType().getType(0);
                Slot elementSlot = slot(element, repeatedPath + "." + element.getName(), list.elements());
                child = new WrapperConverter(elementSlot);
            }
            return new ListConverter(list, child);
        }
        StructColumn.Builder struct = (StructColumn.Builder) builder;
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < g.getFieldCount(); i++) {
            Type child = g.getType(i);
            slots.add(slot(child, path + "." + child.getName(), struct.field(i)));
        }
        return new StructConverter(struct, new Slots(slots));
    }

    private static final class StructConverter extends GroupAppender {
        private final StructColumn.Builder builder;
        private final Slots slots;

        StructConverter(StructColumn.Builder builder, Slots slots) {
            this.builder = builder;
            this.slots = slots;
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return slots.converter(fieldIndex);
        }

        @Override
        public void start() {
            slots.reset();
        }

        @Override
        public void end() {
            slots.finish();
            builder.endStruct();
            written = true;
        }
    }

    /** A LIST or MAP group: its repeated child appends the elements; the list ends with the group. */
    private static final class ListConverter extends GroupAppender {
        private final ListColumn.Builder builder;
        private final Converter repeated;

        ListConverter(ListColumn.Builder builder, Converter repeated) {
            this.builder = builder;
            this.repeated = repeated;
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return repeated;
        }

        @Override
        public void start() {
            // Elements arrive through the repeated child.
        }

        @Override
        public void end() {
            builder.endList();
            written = true;
        }
    }

    /** The repeated {@code list} group of a 3-level list: one occurrence is one (possibly null) element. */
    private static final class WrapperConverter extends GroupConverter {
        private final Slot element;

        WrapperConverter(Slot element) {
            this.element = element;
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return element.converter();
        }

        @Override
        public void start() {
            element.reset();
        }

        @Override
        public void end() {
            element.finish();
        }
    }
}
