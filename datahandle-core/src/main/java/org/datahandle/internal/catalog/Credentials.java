package org.datahandle.internal.catalog;

import java.util.regex.Pattern;

/**
 * Credentials in a path ({@code s3://KEY:SECRET@bucket/x.csv}) are refused at load: a path is
 * printed by {@code toYaml()}, {@code status}, logs and error messages, so a secret in it would be
 * printed too. The refusal itself never repeats what came before the {@code @}.
 */
final class Credentials {
    /** {@code scheme://user-info@...}: an {@code @} in the authority, before the path starts. */
    private static final Pattern USER_INFO = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*@");

    private Credentials() {}

    static boolean inPath(String path) {
        return USER_INFO.matcher(path).find();
    }

    static String refusal(String path) {
        return "the path '" + redact(path) + "' carries credentials (user information before '@'), which would be"
                + " printed wherever the path is; paths never hold credentials: give them as file-system options"
                + " (Catalog.builder().fileSystemOption(\"s3.accessKey\", ...) and \"s3.secretKey\"), through the"
                + " environment or a profile (see docs/filesystems.md)";
    }

    /** The path with its user information replaced by {@code ***}. */
    static String redact(String path) {
        int scheme = path.indexOf("://");
        int at = scheme < 0 ? -1 : path.indexOf('@', scheme + 3);
        int slash = scheme < 0 ? -1 : path.indexOf('/', scheme + 3);
        if (at < 0 || (slash >= 0 && slash < at)) {
            return path.replaceAll("[^/]*@", "***@");
        }
        return path.substring(0, scheme + 3) + "***" + path.substring(at);
    }
}
