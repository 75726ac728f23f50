package org.datahandle.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Staging table names: {@code _dh_<hash of target>_<random>}, short enough for every engine's
 * identifier limit whatever the target's name, and findable by target (the prefix) so a sweep under
 * the writer lock removes what a killed writer left.
 */
final class Staging {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Staging() {}

    static String prefix(TableName target) {
        return "_dh_" + hash(target.name()) + "_";
    }

    static String newName(TableName target) {
        return prefix(target) + Long.toHexString(RANDOM.nextLong() & 0xFFFFFFFFFFL);
    }

    /** Eight hex digits of SHA-256. */
    static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                sb.append(String.format("%02x", d[i]));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
