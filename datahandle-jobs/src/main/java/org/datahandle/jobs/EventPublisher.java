package org.datahandle.jobs;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * {@link Flow.Publisher} over cursors: one cursor and one delivery loop per subscriber, running on
 * the executor, honouring the subscriber's demand. The job writes its log regardless; a subscriber
 * that requests nothing only keeps its cursor open.
 */
final class EventPublisher implements Flow.Publisher<JobEvent> {
    private final Supplier<EventCursor> cursors;
    private final Executor executor;

    EventPublisher(Supplier<EventCursor> cursors, Executor executor) {
        this.cursors = cursors;
        this.executor = executor;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super JobEvent> subscriber) {
        Delivery d = new Delivery(subscriber);
        subscriber.onSubscribe(d);
        executor.execute(d::run);
    }

    private final class Delivery implements Flow.Subscription {
        private final Flow.Subscriber<? super JobEvent> subscriber;
        private long demand;
        private boolean cancelled;
        private IllegalArgumentException badRequest;

        Delivery(Flow.Subscriber<? super JobEvent> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public synchronized void request(long n) {
            if (n <= 0) {
                badRequest = new IllegalArgumentException("request(" + n + "): demand must be positive (reactive-streams rule 3.9)");
            } else {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            }
            notifyAll();
        }

        @Override
        public synchronized void cancel() {
            cancelled = true;
            notifyAll();
        }

        /** Waits for demand; false when cancelled. */
        private synchronized boolean awaitDemand() throws InterruptedException {
            while (demand == 0 && !cancelled && badRequest == null) {
                wait();
            }
            return !cancelled;
        }

        private synchronized void delivered() {
            if (demand != Long.MAX_VALUE) {
                demand--;
            }
        }

        private synchronized boolean isCancelled() {
            return cancelled;
        }

        void run() {
            try (EventCursor cursor = cursors.get()) {
                while (awaitDemand()) {
                    if (badRequest != null) {
                        subscriber.onError(badRequest);
                        return;
                    }
                    Optional<JobEvent> e = cursor.next(Duration.ofMillis(200));
                    if (isCancelled()) {
                        return;
                    }
                    if (e.isPresent()) {
                        delivered();
                        subscriber.onNext(e.get());
                    } else if (cursor.ended()) {
                        subscriber.onComplete();
                        return;
                    }
                }
            } catch (RuntimeException e) {
                if (!isCancelled()) {
                    subscriber.onError(e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
