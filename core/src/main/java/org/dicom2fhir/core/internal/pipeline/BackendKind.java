package org.dicom2fhir.core.internal.pipeline;

import java.util.Map;
import org.dicom2fhir.api.spi.BackendProvider;
import org.dicom2fhir.api.spi.DicomReaderProvider;
import org.dicom2fhir.api.spi.FhirValidatorProvider;
import org.dicom2fhir.api.spi.FhirWriterProvider;

/** The three kinds of backend, with what the selection rule and its messages need to know of each. */
public enum BackendKind {
    READER(DicomReaderProvider.class, "reader", "DICOM reader", "DICOM readers", "dicom2fhir.reader",
            DicomReaderProvider.DEFAULT_NAME,
            Map.of("part10", "dicom2fhir-reader-part10", "pixelmed", "dicom2fhir-reader-pixelmed")),
    WRITER(FhirWriterProvider.class, "writer", "FHIR writer", "FHIR writers", "dicom2fhir.writer",
            FhirWriterProvider.DEFAULT_NAME,
            Map.of("hapi", "dicom2fhir-fhir-hapi", "hapi-r5", "dicom2fhir-fhir-hapi", "ibm", "dicom2fhir-fhir-ibm")),
    // No default is documented for validators; the only one we ship is named "hapi".
    VALIDATOR(FhirValidatorProvider.class, "validator", "FHIR validator", "FHIR validators", "dicom2fhir.validator",
            "hapi", Map.of("hapi", "dicom2fhir-validator-hapi"));

    private final Class<? extends BackendProvider<?>> service;
    private final String word;
    private final String noun;
    private final String plural;
    private final String systemProperty;
    private final String defaultName;
    private final Map<String, String> artifactByName;

    BackendKind(Class<? extends BackendProvider<?>> service, String word, String noun, String plural,
            String systemProperty, String defaultName, Map<String, String> artifactByName) {
        this.service = service;
        this.word = word;
        this.noun = noun;
        this.plural = plural;
        this.systemProperty = systemProperty;
        this.defaultName = defaultName;
        this.artifactByName = artifactByName;
    }

    public Class<? extends BackendProvider<?>> service() {
        return service;
    }

    /** {@code reader}, {@code writer} or {@code validator}. */
    public String word() {
        return word;
    }

    /** {@code DICOM reader}, ... for messages. */
    public String noun() {
        return noun;
    }

    public String plural() {
        return plural;
    }

    public String systemProperty() {
        return systemProperty;
    }

    public String defaultName() {
        return defaultName;
    }

    /** The artifact that provides a well-known backend name, or null. */
    public String artifactFor(String name) {
        return artifactByName.get(name);
    }

    /** The artifact of the default backend. */
    public String defaultArtifact() {
        return artifactByName.get(defaultName);
    }
}
