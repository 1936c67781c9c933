package org.dicom2fhir.validator.hapi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.dicom2fhir.api.Dicom2FhirException;
import org.dicom2fhir.api.spi.BackgroundWarmUp;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirValidator;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.ValidationIssue;

/**
 * One {@link ValidationEngine} per release and JVM, each built once, on first demand or in the
 * background ({@link BackgroundWarmUp}), and shared by every thread and every validator afterwards: an
 * engine takes seconds to build and is thread-safe, so a second validator (another converter, another
 * test class) must not pay for it again.
 */
final class HapiValidator implements FhirValidator {
    private static final Map<FhirRelease, BackgroundWarmUp<ValidationEngine>> ENGINES = new ConcurrentHashMap<>();

    /** Starts building the engine of the release unless it is already built or being built. */
    void startInBackground(FhirRelease release) {
        engine(release);
    }

    @Override
    public List<ValidationIssue> validate(byte[] resource, OutputFormat format, FhirRelease release) {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(release, "release");
        return engine(release).get(cause -> new Dicom2FhirException("The HAPI validator for FHIR " + release
                + " failed to start; check that hapi-fhir-validation and its resources for this release"
                + " are on the class path.", cause)).validate(resource, format);
    }

    private static BackgroundWarmUp<ValidationEngine> engine(FhirRelease release) {
        Releases.requireSupported(release);
        return ENGINES.computeIfAbsent(release, r -> BackgroundWarmUp.start("dicom2fhir-hapi-validator-setup",
                () -> ValidationEngine.start(Releases.newContext(r))));
    }
}
