package org.datahandle.internal.state;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.datahandle.AlreadyProducedException;
import org.datahandle.ErrorCode;
import org.datahandle.ErrorLocation;
import org.datahandle.HandleState.MemoryState;

/**
 * The memory interface of one handle: its produced state and the value it holds.
 *
 * <p>Transitions: {@code NOT_PRODUCED -> LOADING -> PRODUCED} (D2M; back to {@code NOT_PRODUCED}
 * if the load fails), {@code NOT_PRODUCED -> PRODUCED} (O2M), {@code PRODUCED -> NOT_PRODUCED}
 * (drop). Readers of produced memory take no lock; loads are serialised so concurrent readers
 * share one D2M (rule 6).
 */
public final class MemoryCell {
    private final String handleId;
    private final MemoryBudget budget;
    private final BooleanSupplier evictable;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    private record Snapshot(MemoryState state, Object value) {
        static final Snapshot EMPTY = new Snapshot(MemoryState.NOT_PRODUCED, null);
    }

    /** A cell with no budget: memory stays until dropped. */
    public MemoryCell(String handleId) {
        this(handleId, MemoryBudget.unlimited(), () -> false);
    }

    /**
     * @param budget the catalog's memory budget
     * @param evictable asked before an eviction: true only when the data can be loaded again
     */
    public MemoryCell(String handleId, MemoryBudget budget, BooleanSupplier evictable) {
        this.handleId = requireNonNull(handleId, "handleId is null");
        this.budget = requireNonNull(budget, "budget is null");
        this.evictable = requireNonNull(evictable, "evictable is null");
    }

    public MemoryState state() {
        return snapshot.state();
    }

    /** The held value, when produced. */
    public Optional<Object> value() {
        Snapshot s = snapshot;
        return s.state() == MemoryState.PRODUCED ? Optional.of(s.value()) : Optional.empty();
    }

    /**
     * The held value, loading it with {@code loader} first if memory is not produced. Of many
     * concurrent callers exactly one runs the loader; the others wait for its value (or its failure,
     * after which the next caller tries again).
     */
    public Object getOrLoad(Supplier<Object> loader) {
        Snapshot s = snapshot;
        if (s.state() == MemoryState.PRODUCED) {
            budget.touched(this);
            return s.value();
        }
        Object value = load(loader);
        budget.enforce(this);
        return value;
    }

    private Object load(Supplier<Object> loader) {
        Snapshot s;
        lock.lock();
        try {
            s = snapshot;
            if (s.state() == MemoryState.PRODUCED) {
                return s.value();
            }
            transition(MemoryState.LOADING, null);
            boolean loaded = false;
            try {
                Object value = requireNonNull(loader.get(), "loader returned null");
                transition(MemoryState.PRODUCED, value);
                loaded = true;
                return value;
            } finally {
                if (!loaded) {
                    transition(MemoryState.NOT_PRODUCED, null);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * O2M: holds {@code value}, which {@code producer} computes under the memory lock (for a
     * non-temporary handle it also dumps to disk, rule 9, so memory becomes produced only if that
     * succeeds).
     *
     * @throws AlreadyProducedException if memory is produced
     */
    public void produce(Supplier<Object> producer) {
        lock.lock();
        try {
            if (snapshot.state() != MemoryState.NOT_PRODUCED) {
                throw new AlreadyProducedException(ErrorCode.ALREADY_PRODUCED, handleId, ErrorLocation.UNKNOWN,
                        "memory is already produced;"
                        + " drop it (dropMemory) or delete the handle (deleteDisk) to write it again");
            }
            Object value = requireNonNull(producer.get(), "producer returned null");
            transition(MemoryState.PRODUCED, value);
        } finally {
            lock.unlock();
        }
        budget.enforce(this);
    }

    /**
     * Drops the value to make room, if the data can be loaded again and nobody is using the cell
     * right now. Returns whether it did.
     */
    boolean evict() {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            if (snapshot.state() != MemoryState.PRODUCED || !evictable.getAsBoolean()) {
                return false;
            }
            transition(MemoryState.NOT_PRODUCED, null);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Frees the value. A no-op when not produced. Waits for a load in progress to finish first. */
    public void drop() {
        lock.lock();
        try {
            if (snapshot.state() == MemoryState.PRODUCED) {
                transition(MemoryState.NOT_PRODUCED, null);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Checks a move is one the machine allows; the caller holds the lock. */
    private void transition(MemoryState to, Object value) {
        MemoryState from = snapshot.state();
        boolean allowed = switch (from) {
            case NOT_PRODUCED -> to == MemoryState.LOADING || to == MemoryState.PRODUCED;
            case LOADING -> to == MemoryState.PRODUCED || to == MemoryState.NOT_PRODUCED;
            case PRODUCED -> to == MemoryState.NOT_PRODUCED;
        };
        if (!allowed) {
            throw new IllegalStateException("handle '" + handleId + "': memory cannot go from " + from + " to " + to);
        }
        snapshot = to == MemoryState.NOT_PRODUCED ? Snapshot.EMPTY : new Snapshot(to, value);
        if (to == MemoryState.PRODUCED) {
            budget.produced(this, MemorySize.estimate(value));
        } else if (from == MemoryState.PRODUCED) {
            budget.released(this);
        }
    }
}
