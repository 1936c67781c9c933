package org.dicom2fhir.core.internal.mapping;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Canonical instances of equal immutable values, weakly held: the instances of one study share one
 * patient/study value and those of one series one series value, so facts stay small; values nobody
 * holds any more disappear (but for the one returned last, kept for the fast path).
 */
final class Interner<T> {
    private final Map<T, WeakReference<T>> canonical = new WeakHashMap<>();
    /** The value returned last: files come series by series, so it is usually the one asked for next. */
    private volatile T last;

    T intern(T value) {
        if (value == null) {
            return null;
        }
        T recent = last;
        if (value.equals(recent)) {
            return recent;
        }
        synchronized (this) {
            WeakReference<T> ref = canonical.get(value);
            T existing = ref == null ? null : ref.get();
            if (existing == null) {
                canonical.put(value, new WeakReference<>(value));
                existing = value;
            }
            last = existing;
            return existing;
        }
    }
}
