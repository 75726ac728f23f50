package org.datahandle;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * A full generic type for {@link DataHandle#read(TypeRef)}, captured by subclassing:
 * {@code handle.read(new TypeRef<List<Sample>>() {})}.
 *
 * @param <T> the type to read as
 */
public abstract class TypeRef<T> {
    private final Type type;

    protected TypeRef() {
        Type superclass = getClass().getGenericSuperclass();
        if (!(superclass instanceof ParameterizedType p)) {
            throw new IllegalStateException("TypeRef must be created with a type argument: new TypeRef<List<X>>() {}");
        }
        this.type = p.getActualTypeArguments()[0];
    }

    /** The captured type. */
    public Type type() {
        return type;
    }

    @Override
    public String toString() {
        return type.getTypeName();
    }
}
