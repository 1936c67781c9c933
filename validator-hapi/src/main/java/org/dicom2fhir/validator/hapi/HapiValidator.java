package org.dicom2fhir.validator.hapi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.dicom2fhir.api.Dicom2FhirException;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirValidator;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.ValidationIssue;

/**
 * One {@link ValidationEngine} per release and JVM, each built once, on first demand or in the
 * background, and shared by every thread and every validator afterwards: an engine takes seconds to
 * build and is thread-safe, so a second validator (another converter, another test class) must not
 * pay for it again.
 */
final class HapiValidator implements FhirValidator {
    /** Set-up runs on its own daemon thread so that it never keeps a JVM alive. */
    private static final Executor DAEMON = task -> {
        Thread thread = new Thread(task, "dicom2fhir-hapi-validator-setup");
        thread.setDaemon(true);
        thread.start();
    };

    private static final Map<FhirRelease, CompletableFuture<ValidationEngine>> ENGINES = new ConcurrentHashMap<>();

    /** Starts building the engine of the release unless it is already built or being built. */
    void startInBackground(FhirRelease release) {
        engine(release);
    }

    @Override
    public List<ValidationIssue> validate(byte[] resource, OutputFormat format, FhirRelease release) {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(release, "release");
        return await(engine(release), release).validate(resource, format);
    }

    private static CompletableFuture<ValidationEngine> engine(FhirRelease release) {
        Releases.requireSupported(release);
        return ENGINES.computeIfAbsent(release,
                r -> CompletableFuture.supplyAsync(() -> ValidationEngine.start(Releases.newContext(r)), DAEMON));
    }

    private static ValidationEngine await(CompletableFuture<ValidationEngine> engine, FhirRelease release) {
        try {
            return engine.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new Dicom2FhirException("The HAPI validator for FHIR " + release
                    + " failed to start; check that hapi-fhir-validation and its resources for this release"
                    + " are on the class path.", cause);
        }
    }
}
