package org.dicom2fhir.fhir.hapi;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.dicom2fhir.api.model.CodingData;

/**
 * Per-instance values that repeat across a study (SOP Class codings, titles, instance numbers), built
 * once per write and shared by every instance element that carries them. A 1,000,000-instance study
 * would otherwise hold a million equal {@code Coding}s (with their {@code UriType} and {@code CodeType})
 * and as many equal titles, about 200 bytes per instance (P6 in benchmarks/README.md).
 *
 * <p>Only for a model that is encoded and dropped ({@code write}, {@code writeBundle}): a model
 * handed to a caller ({@code toNative}) gets fresh objects, because changing one instance's element
 * must not change another's. Not thread-safe: one per write.
 */
final class Reuse {
    /** Every call builds a fresh value. */
    static final Reuse NONE = new Reuse(false);

    private final boolean sharing;
    private final Map<CodingData, Object> codings = new HashMap<>();
    private final Map<String, Object> texts = new HashMap<>();
    private final Map<Integer, Object> numbers = new HashMap<>();

    private Reuse(boolean sharing) {
        this.sharing = sharing;
    }

    /** Values shared within one model that is encoded and then dropped. */
    static Reuse forEncoding() {
        return new Reuse(true);
    }

    <T> T coding(CodingData value, Function<CodingData, T> build) {
        return sharing ? cast(codings.computeIfAbsent(value, build::apply)) : build.apply(value);
    }

    <T> T text(String value, Function<String, T> build) {
        return sharing ? cast(texts.computeIfAbsent(value, build::apply)) : build.apply(value);
    }

    <T> T number(int value, IntFunction<T> build) {
        return sharing ? cast(numbers.computeIfAbsent(value, build::apply)) : build.apply(value);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        // each map holds values of one element type per model (the caller's build function)
        return (T) value;
    }
}
