package org.datahandle.exchange;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One push per handle name at a time in this server. The library's own one-writer-wins lock decides
 * between writers of a handle with a disk; temporary handles have no disk lock and collect a whole upload
 * in memory before {@code write}, so without this, racing pushers to one temporary name would all read
 * their bodies before one of them won.
 */
final class PushLocks {
    private final Set<String> busy = ConcurrentHashMap.newKeySet();

    /** Whether a push of this name is in progress here. */
    boolean isHeld(String name) {
        return busy.contains(name);
    }

    Held hold(String name) {
        return new Held(name, busy.add(name));
    }

    /** A held (or refused) name; close releases it. */
    final class Held implements AutoCloseable {
        private final String name;
        private final boolean acquired;

        private Held(String name, boolean acquired) {
            this.name = name;
            this.acquired = acquired;
        }

        boolean acquired() {
            return acquired;
        }

        @Override
        public void close() {
            if (acquired) {
                busy.remove(name);
            }
        }
    }
}
