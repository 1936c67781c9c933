package org.dicom2fhir.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The batch's reads in two stages: a read is in flight (and holds its buffers) until its second stage is done, so
 * memory stays bounded however slow the parsing is; every second stage runs once, on a parsing thread; a failure in
 * either stage ends the reading and is thrown as it was.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadsTest {
    private static final int THREADS = 3;
    /** {@link Reads}' bound: four tasks per reading thread. */
    private static final int IN_FLIGHT = 4 * THREADS;

    @Test
    void aReadIsInFlightUntilItsSecondStageIsDone() throws Exception {
        CountDownLatch parsingMayGoOn = new CountDownLatch(1);
        AtomicInteger fetched = new AtomicInteger();
        AtomicInteger parsed = new AtomicInteger();
        AtomicInteger submitted = new AtomicInteger();
        try (Reads reads = new Reads(THREADS)) {
            Thread scan = new Thread(() -> {
                try {
                    for (int i = 0; i < 3 * IN_FLIGHT; i++) {
                        reads.submitStaged(() -> {
                            fetched.incrementAndGet();
                            return () -> {
                                awaitQuietly(parsingMayGoOn);
                                assertThat(Thread.currentThread().getName()).isEqualTo("dicom2fhir-batch-parse");
                                parsed.incrementAndGet();
                            };
                        });
                        submitted.incrementAndGet();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            scan.start();
            // the parsing is stuck: the fetches reach the bound and stop there, however fast they are
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (fetched.get() < IN_FLIGHT && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            for (int i = 0; i < 30; i++) {
                assertThat(fetched.get()).isEqualTo(IN_FLIGHT);
                Thread.sleep(10);
            }
            assertThat(submitted.get()).isEqualTo(IN_FLIGHT);
            parsingMayGoOn.countDown();
            scan.join();
            reads.awaitAll();
        }
        assertThat(fetched.get()).isEqualTo(3 * IN_FLIGHT);
        assertThat(parsed.get()).isEqualTo(3 * IN_FLIGHT);
    }

    @Test
    void aFailureOfTheFetchIsThrownAsItWas() throws Exception {
        try (Reads reads = new Reads(THREADS)) {
            reads.submitStaged(() -> {
                throw new IOException("disk gone");
            });
            assertThatThrownBy(reads::awaitAll).isInstanceOf(IOException.class).hasMessage("disk gone");
        }
    }

    @Test
    void aFailureOfTheSecondStageIsThrownAsItWas_andNoLaterReadIsTaken() throws Exception {
        try (Reads reads = new Reads(THREADS)) {
            reads.submitStaged(() -> () -> {
                throw new IllegalStateException("store closed");
            });
            assertThatThrownBy(reads::awaitAll).isInstanceOf(IllegalStateException.class).hasMessage("store closed");
            assertThatThrownBy(() -> reads.submitStaged(() -> null)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aFetchWithoutSecondStageIsDoneAtOnce() throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        try (Reads reads = new Reads(THREADS)) {
            for (int i = 0; i < 5 * IN_FLIGHT; i++) {
                reads.submitStaged(() -> {
                    fetched.incrementAndGet();
                    return null;
                });
            }
            reads.awaitAll();
        }
        assertThat(fetched.get()).isEqualTo(5 * IN_FLIGHT);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
