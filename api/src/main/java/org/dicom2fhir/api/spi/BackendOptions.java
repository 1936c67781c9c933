package org.dicom2fhir.api.spi;

import java.util.Map;

/** Free-form settings handed to a provider's {@code create}; providers ignore keys they do not know. */
public record BackendOptions(Map<String, String> values) {
    private static final BackendOptions EMPTY = new BackendOptions(Map.of());

    public BackendOptions {
        values = Map.copyOf(values);
    }

    public static BackendOptions empty() {
        return EMPTY;
    }

    public String get(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }
}
