package org.dicom2fhir.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Retry timing: exponential backoff with full jitter, and the server's {@code Retry-After}. */
final class Backoff {
    private Backoff() {
    }

    /**
     * Full jitter (uniform in [0, min(cap, base * 2^(retry-1))]): retries of many clients after one outage
     * spread out instead of arriving together.
     *
     * @param retry 1 for the first retry
     */
    static Duration fullJitter(Duration base, Duration cap, int retry) {
        long baseNanos = base.toNanos();
        long capNanos = cap.toNanos();
        long bound = baseNanos;
        for (int i = 1; i < retry && bound < capNanos; i++) {
            bound = bound > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : bound * 2;
        }
        bound = Math.min(bound, capNanos);
        return bound <= 0 ? Duration.ZERO : Duration.ofNanos(ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /**
     * A {@code Retry-After} value (RFC 9110 10.2.3): delay-seconds or an HTTP-date; a date in the past means now.
     * Empty when absent or unreadable (then the backoff applies).
     */
    static Optional<Duration> retryAfter(String value, Instant now) {
        if (value == null) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        if (trimmed.matches("\\d{1,10}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
        }
        try {
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration delay = Duration.between(now, at);
            return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
