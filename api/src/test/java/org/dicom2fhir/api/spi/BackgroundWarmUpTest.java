package org.dicom2fhir.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.dicom2fhir.api.Dicom2FhirException;
import org.junit.jupiter.api.Test;

class BackgroundWarmUpTest {
    @Test
    void startReturnsAtOnceAndRunsTheSetUpOnceOnANamedDaemonThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<Thread> thread = new AtomicReference<>();
        BackgroundWarmUp<String> warmUp = BackgroundWarmUp.start("test-warm-up", () -> {
            thread.set(Thread.currentThread());
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            runs.incrementAndGet();
            return "ready";
        });
        assertThat(warmUp.isDone()).isFalse();
        release.countDown();
        assertThat(warmUp.get(IllegalStateException::new)).isEqualTo("ready");
        assertThat(warmUp.get(IllegalStateException::new)).isEqualTo("ready");
        assertThat(runs).hasValue(1);
        assertThat(thread.get().getName()).isEqualTo("test-warm-up");
        assertThat(thread.get().isDaemon()).isTrue();
    }

    @Test
    void aFailedSetUpBecomesTheCallersExceptionWithTheCauseAndAwaitIgnoresIt() {
        IllegalStateException broken = new IllegalStateException("broken class path");
        BackgroundWarmUp<Void> warmUp = BackgroundWarmUp.start("test-failing-warm-up", () -> {
            throw broken;
        });
        warmUp.await();
        assertThat(warmUp.isDone()).isTrue();
        assertThatThrownBy(() -> warmUp.get(cause -> new Dicom2FhirException("could not start", cause)))
                .isInstanceOf(Dicom2FhirException.class).hasMessage("could not start").hasCause(broken);
    }

    @Test
    void theWriterSampleIsAStudyWithEveryKindOfElement() {
        var study = BackgroundWarmUp.writerSample();
        assertThat(study.identifiers()).hasSize(2);
        assertThat(study.patient().names()).isNotEmpty();
        assertThat(study.endpoint()).isNotNull();
        assertThat(study.series()).singleElement().satisfies(s -> assertThat(s.instances()).hasSize(1));
        assertThat(BackgroundWarmUp.writerSample()).isEqualTo(study);
    }
}
