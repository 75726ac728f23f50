package org.datahandle.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CatalogExecutorTest {

    @Test
    void theOwnPoolStartsOnFirstUseAndStopsOnClose() throws InterruptedException {
        CatalogExecutor own = CatalogExecutor.own();
        assertThat(own.startedOwnPool()).isFalse();
        CountDownLatch ran = new CountDownLatch(1);
        own.execute(ran::countDown);
        assertThat(ran.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(own.startedOwnPool()).isTrue();
        own.close();
        assertThatThrownBy(() -> own.execute(() -> { })).isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void closingNeverStartsThePool() {
        CatalogExecutor own = CatalogExecutor.own();
        own.close();
        assertThat(own.startedOwnPool()).isFalse();
    }

    @Test
    void anEnginesExecutorIsUsedAndNeverShutDown() throws InterruptedException {
        ExecutorService engine = Executors.newSingleThreadExecutor();
        try {
            CatalogExecutor shared = CatalogExecutor.of(engine);
            shared.close();
            CountDownLatch ran = new CountDownLatch(1);
            shared.execute(ran::countDown);
            assertThat(ran.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(engine.isShutdown()).isFalse();
            assertThat(shared.startedOwnPool()).isFalse();
        } finally {
            engine.shutdownNow();
        }
    }
}
