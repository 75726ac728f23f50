package org.datahandle.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.datahandle.AlreadyProducedException;
import org.datahandle.HandleState.MemoryState;
import org.junit.jupiter.api.Test;

class MemoryCellTest {

    @Test
    void startsNotProduced() {
        MemoryCell cell = new MemoryCell("h");
        assertThat(cell.state()).isEqualTo(MemoryState.NOT_PRODUCED);
        assertThat(cell.value()).isEmpty();
    }

    @Test
    void loadsOnceUnderConcurrentReaders() throws Exception {
        MemoryCell cell = new MemoryCell("h");
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return cell.getOrLoad(() -> {
                        loads.incrementAndGet();
                        sleep(50); // hold the load open so the other readers pile up behind it
                        return "data";
                    });
                }));
            }
            start.countDown();
            for (Future<Object> f : results) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo("data");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(loads).hasValue(1);
        assertThat(cell.state()).isEqualTo(MemoryState.PRODUCED);
    }

    @Test
    void failedLoadLeavesNotProducedAndNextReaderRetries() {
        MemoryCell cell = new MemoryCell("h");
        assertThatThrownBy(() -> cell.getOrLoad(() -> {
            throw new IllegalStateException("disk gone");
        })).hasMessage("disk gone");
        assertThat(cell.state()).isEqualTo(MemoryState.NOT_PRODUCED);
        assertThat(cell.getOrLoad(() -> "second")).isEqualTo("second");
    }

    @Test
    void produceTwiceIsAlreadyProduced() {
        MemoryCell cell = new MemoryCell("scores");
        cell.produce(() -> "a");
        assertThatThrownBy(() -> cell.produce(() -> "b"))
                .isInstanceOf(AlreadyProducedException.class)
                .hasMessageContaining("scores");
        assertThat(cell.value()).contains("a");
    }

    @Test
    void failedProduceLeavesNotProduced() {
        MemoryCell cell = new MemoryCell("h");
        assertThatThrownBy(() -> cell.produce(() -> {
            throw new IllegalStateException("dump failed");
        })).hasMessage("dump failed");
        assertThat(cell.state()).isEqualTo(MemoryState.NOT_PRODUCED);
        cell.produce(() -> "ok");
        assertThat(cell.value()).contains("ok");
    }

    @Test
    void dropFreesAndAllowsAnotherWrite() {
        MemoryCell cell = new MemoryCell("h");
        cell.produce(() -> "a");
        cell.drop();
        assertThat(cell.state()).isEqualTo(MemoryState.NOT_PRODUCED);
        cell.drop(); // no-op
        cell.produce(() -> "b");
        assertThat(cell.value()).contains("b");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
