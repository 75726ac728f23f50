package org.datahandle.infer;

import java.util.Map;
import java.util.regex.Pattern;
import org.datahandle.spi.Positioned;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:-default}} the way a POSIX shell does: the default is used
 * when the variable is unset or empty, and is itself expanded; a variable's value is not re-scanned.
 * A {@code $} not followed by <code>{</code> is literal, so globs like <code>{a,b}</code> pass through.
 */
final class VariableExpander {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Defaults nest ({@code ${A:-${B:-x}}}); deeper than this is no real path, and recursion must stay bounded. */
    static final int MAX_NESTING = 16;

    private final Map<String, String> environment;
    private final ErrorSite site;

    VariableExpander(Map<String, String> environment, ErrorSite site) {
        this.environment = environment;
        this.site = site;
    }

    /** Expands the variables of one path as written at {@code where}. */
    String expand(Positioned<String> where) {
        return expand(where.value(), where, 0);
    }

    private String expand(String text, Positioned<String> where, int depth) {
        if (depth > MAX_NESTING) {
            throw site.at(ErrorSite.PATH, where, "'${...:-...}' defaults in path nest more than " + MAX_NESTING
                    + " levels deep");
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length() || text.charAt(i + 1) != '{') {
                out.append(c);
                i++;
                continue;
            }
            int close = matchingBrace(text, i + 1);
            if (close < 0) {
                throw site.at(ErrorSite.PATH, where, "unclosed '${' in path '" + where.value() + "'");
            }
            out.append(substitute(text.substring(i + 2, close), where, depth));
            i = close + 1;
        }
        return out.toString();
    }

    private String substitute(String inner, Positioned<String> where, int depth) {
        int sep = inner.indexOf(":-");
        String name = sep < 0 ? inner : inner.substring(0, sep);
        if (!NAME.matcher(name).matches()) {
            throw site.at(ErrorSite.PATH, where, "'${" + inner + "}' in path '" + where.value()
                    + "' is not a variable reference; write ${NAME} or ${NAME:-default}");
        }
        String value = environment.get(name);
        if (sep >= 0 && (value == null || value.isEmpty())) {
            return expand(inner.substring(sep + 2), where, depth + 1);
        }
        if (value == null) {
            throw site.at(ErrorSite.PATH, where, "environment variable '" + name + "' used in path '"
                    + where.value() + "' is not set; set it or give a default: ${" + name + ":-default}");
        }
        return value;
    }

    /** The index of the brace closing the one at {@code open}, counting nested braces, or -1. */
    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
