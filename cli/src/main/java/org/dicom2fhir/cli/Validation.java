package org.dicom2fhir.cli;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.dicom2fhir.api.BackendSelectionException;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirValidator;
import org.dicom2fhir.api.spi.FhirValidatorProvider;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.ValidationIssue;
import org.dicom2fhir.core.BackendInfo;
import org.dicom2fhir.core.Backends;

/**
 * {@code --validate}: the validator is chosen and checked before any work is done, started while the
 * files are read (it takes seconds), and run on the serialised result. Its findings become lines of
 * {@link ValidationFindings} and exit code 6.
 */
final class Validation {
    private final FhirRelease release;
    private final CompletableFuture<FhirValidator> validator;

    private Validation(FhirRelease release, CompletableFuture<FhirValidator> validator) {
        this.release = release;
        this.validator = validator;
    }

    /**
     * Chooses the validator (by the rule of {@link Backends}) and starts it on its own thread.
     *
     * @throws UsageException no validator is found, or the one chosen does not accept {@code release}
     */
    static Validation start(ClassLoader loader, FhirRelease release) throws UsageException {
        Backends backends;
        FhirValidatorProvider provider;
        try {
            backends = Backends.discover(loader);
            if (backends.validators().isEmpty()) {
                throw new UsageException("--validate needs a FHIR validator, and none was found: put "
                        + "dicom2fhir-validator-hapi on the class path or in a --plugins folder.");
            }
            provider = backends.validatorProvider(null);
        } catch (BackendSelectionException e) {
            throw new UsageException(Main.sentence(e.getMessage()));
        }
        String name = provider.name();
        // the listing's view of the provider: a provider that fails to say its releases accepts none
        List<FhirRelease> accepted = backends.validators().stream().filter(v -> v.name().equals(name))
                .flatMap(v -> v.releases().stream()).sorted().toList();
        if (!accepted.contains(release)) {
            throw new UsageException("--validate cannot check FHIR " + release.version() + " output: the validator "
                    + name + " accepts " + (accepted.isEmpty() ? "no FHIR release it names"
                            : "FHIR " + String.join(", ", accepted.stream().map(FhirRelease::version).toList()))
                    + ".");
        }
        CompletableFuture<FhirValidator> future = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                future.complete(backends.validator(name));
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        }, "dicom2fhir-validator-start");
        starter.setDaemon(true);
        starter.start();
        return new Validation(release, future);
    }

    /**
     * The errors of one serialised resource as value-free descriptions ({@code messageId at location}), for batch,
     * which reports them per study. The validator's message text is never used: it quotes values.
     */
    List<String> errorIds(byte[] resource, OutputFormat format) {
        // a validator that could not start surfaces as a CompletionException: a bug, as start() chose it
        return validator.join().validate(resource, format, release).stream().filter(ValidationIssue::isError)
                .map(i -> (i.messageId() == null ? "error" : i.messageId()) + " at " + i.location()).toList();
    }

    /**
     * Validates the serialised result: exit code 6 for errors, the findings as {@link ValidationFindings}
     * says them. A validator that failed to start is a usage error (2); one that crashes, a bug.
     *
     * @return whether the resource is free of errors (false also when the validator could not start)
     */
    boolean check(byte[] resource, OutputFormat format, boolean quiet, boolean verbose, RunLog log) {
        return check(resource, format, quiet, verbose, log, null);
    }

    /**
     * As {@link #check(byte[], OutputFormat, boolean, boolean, RunLog)}, for the transaction of one study, which is
     * not sent when it has errors.
     *
     * @param studyInstanceUid the study of a transaction, or null for the result
     */
    boolean check(byte[] resource, OutputFormat format, boolean quiet, boolean verbose, RunLog log,
            String studyInstanceUid) {
        FhirValidator v;
        try {
            v = validator.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the validator started", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof BackendSelectionException selection) {
                log.fail(ExitCodes.USAGE, "dicom2fhir: --validate: " + Main.sentence(selection.getMessage()));
                return false;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("the validator failed to start", cause);
        }
        List<ValidationIssue> issues = v.validate(resource, format, release);
        ValidationFindings findings = new ValidationFindings(issues, release);
        if (verbose) {
            findings.lines().forEach(log::note);
        }
        if (findings.errors() > 0) {
            log.fail(ExitCodes.INVALID_RESULT, studyInstanceUid == null ? findings.errorSummary(verbose)
                    : findings.errorSummary(verbose, "the transaction of study " + studyInstanceUid,
                            "it was not sent"));
            return false;
        }
        if (!quiet) {
            log.note(findings.noErrors());
        }
        return true;
    }
}
