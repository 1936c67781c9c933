package org.dicom2fhir.http;

import java.time.Duration;

/**
 * At most N requests per second, shared by every request of one transport (all threads, retries and token
 * requests included): each request takes the next free slot, slots {@code 1/N} seconds apart, and waits for it.
 * Slots are handed out in order, so a burst after an idle time is paced as well (no bucket of saved-up requests:
 * quota'd services count per second and refuse the excess).
 */
final class RequestPacer {
    private final long intervalNanos;
    private long nextSlot;
    private boolean started;

    /** @param perSecond more than 0 */
    RequestPacer(double perSecond) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("requests per second must be a positive number: " + perSecond);
        }
        this.intervalNanos = Math.max(1, Math.round(1_000_000_000d / perSecond));
    }

    /** Waits for this request's slot. */
    void awaitSlot() throws InterruptedException {
        long wait = reserve(System.nanoTime());
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** Takes the next slot at or after {@code now}; the nanoseconds until it. */
    synchronized long reserve(long now) {
        long slot = !started || nextSlot - now < 0 ? now : nextSlot;
        started = true;
        nextSlot = slot + intervalNanos;
        return slot - now;
    }

    Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }
}
