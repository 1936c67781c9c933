package org.dicom2fhir.core.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OrderedParallelTest {
    private static List<Integer> items(int n) {
        return new ArrayList<>(IntStream.range(0, n).boxed().toList());
    }

    @Test
    void deliversResultsInItemOrderWhateverOrderTheyComplete() throws Exception {
        List<Integer> out = new ArrayList<>();
        OrderedParallel.run(items(500), null, 8, 32, i -> {
            sleepMicros(ThreadLocalRandom.current().nextInt(2000));
            return i * 2;
        }, out::add);
        assertThat(out).containsExactlyElementsOf(IntStream.range(0, 500).map(i -> i * 2).boxed().toList());
    }

    @Test
    void keepsAtMostTheWindowInFlightAndRunsConcurrently() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        AtomicInteger submittedNotDelivered = new AtomicInteger();
        AtomicInteger maxPending = new AtomicInteger();
        List<Integer> list = items(200);
        OrderedParallel.run(list, null, 4, 6, i -> {
            maxPending.accumulateAndGet(submittedNotDelivered.incrementAndGet(), Math::max);
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            sleepMicros(500);
            running.decrementAndGet();
            return i;
        }, r -> submittedNotDelivered.decrementAndGet());
        assertThat(maxRunning.get()).isBetween(2, 4);
        assertThat(maxPending.get()).isLessThanOrEqualTo(6);
        assertThat(list).as("items are released once submitted").containsOnlyNulls();
    }

    @Test
    void oneThreadRunsOnTheCallersThread() throws Exception {
        Thread caller = Thread.currentThread();
        List<Boolean> sameThread = new ArrayList<>();
        OrderedParallel.run(items(5), null, 1, 4, i -> Thread.currentThread() == caller, sameThread::add);
        assertThat(sameThread).containsOnly(true).hasSize(5);
    }

    @Test
    void anEmptyListDoesNothing() throws Exception {
        OrderedParallel.run(new ArrayList<Integer>(), null, 4, 4, i -> i, r -> {
            throw new AssertionError("no result expected");
        });
    }

    @Test
    void aThrowableOfTheWorkIsRethrown() {
        assertThatThrownBy(() -> OrderedParallel.run(items(20), null, 4, 8, i -> {
            if (i == 7) {
                throw new IllegalStateException("bug in work");
            }
            return i;
        }, r -> { })).isInstanceOf(IllegalStateException.class).hasMessage("bug in work");
    }

    @Test
    void anInterruptedCallerGetsInterruptedIoException() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> OrderedParallel.run(items(20), null, 4, 8, i -> {
                sleepMicros(100_000);
                return i;
            }, r -> { })).isInstanceOf(InterruptedIOException.class);
            assertThat(Thread.interrupted()).as("the interrupt flag is kept").isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void rejectsNonPositiveSizes() {
        assertThatThrownBy(() -> OrderedParallel.run(items(1), null, 0, 1, i -> i, r -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OrderedParallel.run(items(1), null, 1, 0, i -> i, r -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void sleepMicros(long micros) {
        try {
            TimeUnit.MICROSECONDS.sleep(micros);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
