package org.dicom2fhir.fhir.hapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.dicom2fhir.api.FhirWriteException;
import org.junit.jupiter.api.Test;

class AsyncFhirContextTest {
    @Test
    void startReturnsBeforeTheContextIsBuiltAndGetWaitsForIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger builds = new AtomicInteger();
        AsyncFhirContext context = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> AsyncFhirContext.start(() -> {
                    awaitQuietly(release);
                    builds.incrementAndGet();
                    return FhirContext.forR4();
                }, R4Mapper::warmUpResource));
        assertThat(builds).hasValue(0);
        release.countDown();
        FhirContext first = context.get();
        assertThat(context.get()).isSameAs(first);
        assertThat(builds).hasValue(1);
    }

    @Test
    void aFailedStartBecomesAFhirWriteExceptionWithTheCause() {
        IllegalStateException broken = new IllegalStateException("broken class path");
        AsyncFhirContext context = AsyncFhirContext.start(() -> {
            throw broken;
        }, R4Mapper::warmUpResource);
        assertThatThrownBy(context::get).isInstanceOf(FhirWriteException.class)
                .hasMessageContaining("FHIR context").hasCause(broken);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
