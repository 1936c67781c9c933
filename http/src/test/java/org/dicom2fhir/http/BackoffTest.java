package org.dicom2fhir.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void fullJitterStaysWithinTheDoublingBoundAndTheCap() {
        Duration base = Duration.ofMillis(100);
        Duration cap = Duration.ofMillis(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(Backoff.fullJitter(base, cap, 1)).isBetween(Duration.ZERO, Duration.ofMillis(100));
            assertThat(Backoff.fullJitter(base, cap, 3)).isBetween(Duration.ZERO, Duration.ofMillis(400));
            assertThat(Backoff.fullJitter(base, cap, 40)).isBetween(Duration.ZERO, cap);
        }
        assertThat(Backoff.fullJitter(Duration.ZERO, Duration.ZERO, 5)).isZero();
    }

    @Test
    void fullJitterSpreadsTheWaits() {
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> Backoff.fullJitter(Duration.ofSeconds(1), Duration.ofSeconds(30), 4)).distinct().count();
        assertThat(distinct).isGreaterThan(40);
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2026-01-02T03:04:05Z");
        assertThat(Backoff.retryAfter("7", now)).contains(Duration.ofSeconds(7));
        assertThat(Backoff.retryAfter(" 0 ", now)).contains(Duration.ZERO);
        assertThat(Backoff.retryAfter("Fri, 02 Jan 2026 03:04:35 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(Backoff.retryAfter("Thu, 01 Jan 2026 00:00:00 GMT", now)).as("a past date means now").contains(Duration.ZERO);
        assertThat(Backoff.retryAfter(null, now)).isEmpty();
        assertThat(Backoff.retryAfter("soon", now)).isEmpty();
        assertThat(Backoff.retryAfter("-5", now)).isEmpty();
        assertThat(Backoff.retryAfter("1.5", now)).isEmpty();
    }

    @Test
    void onlyTheStatusesThatSayTryAgainAreRetried() {
        assertThat(HttpTransport.retriable(429)).isTrue();
        assertThat(HttpTransport.retriable(502)).isTrue();
        assertThat(HttpTransport.retriable(503)).isTrue();
        assertThat(HttpTransport.retriable(504)).isTrue();
        for (int status : new int[] {200, 201, 301, 400, 401, 404, 408, 409, 412, 422, 500, 501}) {
            assertThat(HttpTransport.retriable(status)).as("%d", status).isFalse();
        }
    }
}
