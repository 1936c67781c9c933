package org.dicom2fhir.core.internal.mapping;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Canonical instances of equal immutable values, weakly held: the instances of one study share one
 * patient/study value and those of one series one series value, so facts stay small; values nobody
 * holds any more disappear.
 */
final class Interner<T> {
    private final Map<T, WeakReference<T>> canonical = new WeakHashMap<>();

    synchronized T intern(T value) {
        if (value == null) {
            return null;
        }
        WeakReference<T> ref = canonical.get(value);
        T existing = ref == null ? null : ref.get();
        if (existing != null) {
            return existing;
        }
        canonical.put(value, new WeakReference<>(value));
        return value;
    }
}
