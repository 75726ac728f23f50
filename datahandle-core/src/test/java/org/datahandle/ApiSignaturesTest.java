package org.datahandle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The exported packages ({@code org.datahandle}, {@code .spi}, {@code .table}) never show an
 * internal type in a public or protected signature, so nothing of {@code org.datahandle.internal}
 * leaks into what users compile against.
 */
class ApiSignaturesTest {
    private static final List<String> API = List.of("org/datahandle", "org/datahandle/spi", "org/datahandle/table");

    @Test
    void apiSignaturesNameNoInternalType() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(Catalog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> leaks = new ArrayList<>();
        int checked = 0;
        for (String pkg : API) {
            try (Stream<Path> files = Files.list(classes.resolve(pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    String name = pkg.replace('/', '.') + "." + f.getFileName().toString().replace(".class", "");
                    Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                    if (!isVisible(type.getModifiers()) || isHiddenNested(type)) {
                        continue;
                    }
                    checked++;
                    for (Method m : type.getDeclaredMethods()) {
                        if (isVisible(m.getModifiers()) && !m.isSynthetic()) {
                            check(leaks, m, m.getGenericReturnType());
                            checkParameters(leaks, m);
                        }
                    }
                    for (Constructor<?> c : type.getDeclaredConstructors()) {
                        if (isVisible(c.getModifiers()) && !c.isSynthetic()) {
                            checkParameters(leaks, c);
                        }
                    }
                    for (Field fld : type.getDeclaredFields()) {
                        if (isVisible(fld.getModifiers()) && !fld.isSynthetic()) {
                            check(leaks, fld, fld.getGenericType());
                        }
                    }
                    if (type.getSuperclass() != null) {
                        check(leaks, type, type.getGenericSuperclass());
                    }
                    for (Type i : type.getGenericInterfaces()) {
                        check(leaks, type, i);
                    }
                }
            }
        }
        assertThat(checked).as("public API types checked").isGreaterThan(50);
        assertThat(leaks).isEmpty();
    }

    private static boolean isVisible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static boolean isHiddenNested(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!isVisible(c.getModifiers())) {
                return true;
            }
        }
        return false;
    }

    private static void checkParameters(List<String> leaks, Executable e) {
        for (Type t : e.getGenericParameterTypes()) {
            check(leaks, e, t);
        }
        for (Type t : e.getGenericExceptionTypes()) {
            check(leaks, e, t);
        }
    }

    private static void check(List<String> leaks, Object where, Type type) {
        if (type.getTypeName().contains("org.datahandle.internal.")) {
            leaks.add(where + " names " + type.getTypeName());
        }
    }
}
