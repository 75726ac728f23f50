package org.datahandle.internal.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A catalog's memory budget (rule 2: memory stays until dropped, or evicted under a budget). When
 * the estimated size of all produced memory passes the limit, the least recently used memory
 * whose data is safe on disk is dropped; the next read loads it again. Memory that exists only in
 * memory — temporary handles, or data whose disk is gone — is never evicted.
 */
public final class MemoryBudget {
    private final long limit;
    /** Access order: the first entry is the least recently used. */
    private final LinkedHashMap<MemoryCell, Long> held = new LinkedHashMap<>(16, 0.75f, true);
    private long total;

    private MemoryBudget(long limit) {
        this.limit = limit;
    }

    /** No limit: memory stays until dropped. */
    public static MemoryBudget unlimited() {
        return new MemoryBudget(Long.MAX_VALUE);
    }

    /** At most {@code bytes} of estimated memory. */
    public static MemoryBudget of(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("memory budget must be positive, was " + bytes);
        }
        return new MemoryBudget(bytes);
    }

    public long limit() {
        return limit;
    }

    /** The estimated bytes of all produced memory now. */
    public synchronized long used() {
        return total;
    }

    synchronized void produced(MemoryCell cell, long bytes) {
        Long previous = held.put(cell, bytes);
        total += bytes - (previous == null ? 0 : previous);
    }

    synchronized void touched(MemoryCell cell) {
        held.get(cell);
    }

    synchronized void released(MemoryCell cell) {
        Long bytes = held.remove(cell);
        if (bytes != null) {
            total -= bytes;
        }
    }

    /**
     * Evicts least recently used cells other than {@code keep} until the total fits. Runs outside
     * every cell's lock; a cell that is busy or not evictable is skipped.
     */
    void enforce(MemoryCell keep) {
        if (limit == Long.MAX_VALUE) {
            return;
        }
        List<MemoryCell> candidates;
        synchronized (this) {
            if (total <= limit) {
                return;
            }
            candidates = new ArrayList<>();
            for (Map.Entry<MemoryCell, Long> e : held.entrySet()) {
                if (e.getKey() != keep) {
                    candidates.add(e.getKey());
                }
            }
        }
        for (MemoryCell cell : candidates) {
            synchronized (this) {
                if (total <= limit) {
                    return;
                }
            }
            cell.evict();
        }
    }
}
