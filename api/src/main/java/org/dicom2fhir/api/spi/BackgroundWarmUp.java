package org.dicom2fhir.api.spi;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.dicom2fhir.api.model.CodingData;
import org.dicom2fhir.api.model.ConceptData;
import org.dicom2fhir.api.model.ContainedData;
import org.dicom2fhir.api.model.DeviceData;
import org.dicom2fhir.api.model.EndpointData;
import org.dicom2fhir.api.model.FhirTerms;
import org.dicom2fhir.api.model.IdentifierData;
import org.dicom2fhir.api.model.InstanceData;
import org.dicom2fhir.api.model.LocationData;
import org.dicom2fhir.api.model.NameData;
import org.dicom2fhir.api.model.NameRepresentation;
import org.dicom2fhir.api.model.OrderData;
import org.dicom2fhir.api.model.OrganizationData;
import org.dicom2fhir.api.model.PatientData;
import org.dicom2fhir.api.model.PerformerData;
import org.dicom2fhir.api.model.PractitionerData;
import org.dicom2fhir.api.model.SeriesData;
import org.dicom2fhir.api.model.ServiceRequestData;
import org.dicom2fhir.api.model.SpecimenData;
import org.dicom2fhir.api.model.StudyData;

/**
 * A backend's expensive set-up (a FHIR context, a validator, the first encode that loads a library's
 * classes) on its own daemon thread, so that {@link BackendProvider#create()} returns at once and the
 * set-up overlaps with whatever the caller does next (reading the DICOM files). A daemon thread never
 * keeps a JVM alive. Thread-safe: every caller waits for, and gets, the same result.
 *
 * @param <T> what the set-up builds ({@code Void} when it only warms up)
 */
public final class BackgroundWarmUp<T> {
    private final CompletableFuture<T> result;

    private BackgroundWarmUp(CompletableFuture<T> result) {
        this.result = result;
    }

    /** Starts {@code setUp} now on a new daemon thread of this name. */
    public static <T> BackgroundWarmUp<T> start(String threadName, Supplier<? extends T> setUp) {
        Objects.requireNonNull(threadName, "threadName");
        Objects.requireNonNull(setUp, "setUp");
        return new BackgroundWarmUp<T>(CompletableFuture.<T>supplyAsync(setUp::get, task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            thread.start();
        }));
    }

    /**
     * Waits for the set-up and returns what it built; a failed set-up becomes the exception
     * {@code onFailure} makes of its cause (ours, value-free: the cause may quote anything).
     */
    public T get(Function<? super Throwable, ? extends RuntimeException> onFailure) {
        Objects.requireNonNull(onFailure, "onFailure");
        try {
            return result.join();
        } catch (CompletionException e) {
            throw onFailure.apply(e.getCause() == null ? e : e.getCause());
        }
    }

    /**
     * Waits for the set-up, whatever its outcome: for a warm-up whose failure the first real use meets
     * and reports anyway.
     */
    public void await() {
        if (!result.isDone()) {
            result.handle((value, failure) -> null).join();
        }
    }

    /** Whether the set-up has finished, well or not. */
    public boolean isDone() {
        return result.isDone();
    }

    /**
     * A writer's warm-up study: small and synthetic, but touching every kind of element a writer maps
     * (identifiers with a type and an assigner, a name, codings with and without a system, a date, a
     * dateTime with a fraction, numbers, texts, the endpoint, one of each contained resource and each
     * reference to one), so that encoding it once loads and
     * initialises what the first real encode needs.
     */
    public static StudyData writerSample() {
        CodingData ot = CodingData.of(FhirTerms.DCM_SYSTEM, "OT", null);
        IdentifierData accession = new IdentifierData("usual",
                ConceptData.of(CodingData.of(FhirTerms.V2_0203_SYSTEM, "ACSN", null)), null, "0", null);
        NameData name = new NameData("warm-up", List.of("a"), List.of(), List.of(), NameRepresentation.IDEOGRAPHIC);
        // one of each contained resource, so that a library also loads (HAPI: scans) their definitions
        ContainedData contained = new ContainedData(
                List.of(new PractitionerData("p", List.of(name), List.of())),
                List.of(new OrganizationData("o", "warm-up", "warm-up")),
                List.of(new LocationData("l", "warm-up", "o")),
                List.of(new DeviceData("d", "warm-up", "warm-up", "0", "1.2", List.of("0"), "warm-up",
                        "(01)00000000000000", "o")),
                List.of(new SpecimenData("s", new IdentifierData(null, null, null, "0", null))),
                List.of(new ServiceRequestData("r", List.of(accession),
                        new ConceptData(List.of(), "warm-up"))));
        return new StudyData("warm-up",
                List.of(accession, new IdentifierData(null, null, FhirTerms.DICOM_UID_SYSTEM, "urn:oid:1.2", null)),
                new PatientData(
                        List.of(new IdentifierData("usual", ConceptData.of(CodingData.of(FhirTerms.V2_0203_SYSTEM, "MR", null)),
                                null, "0", "warm-up")),
                        List.of(name),
                        "unknown", "2000-01-01"),
                List.of(ot), "2000-01-01T00:00:00.5Z", "warm-up", new EndpointData("https://example.org/dicomweb"),
                List.of(new ConceptData(List.of(), "warm-up")), List.of(),
                List.of(new SeriesData("1.2.3", 1, ot, null, null, null, CodingData.unlooked("X", null),
                        List.of(new InstanceData("1.2.3.4", CodingData.of(FhirTerms.RFC3986_SYSTEM, "urn:oid:1.2", null),
                                1, null)),
                        List.of(new PerformerData(CodingData.of(FhirTerms.PARTICIPATION_TYPE_SYSTEM, "PRF", null), "p"),
                                new PerformerData(null, "d")),
                        List.of("s"))),
                List.of(ot), "p", List.of("p"), List.of(new OrderData("r", accession)), "l",
                new IdentifierData(null, null, null, "0", null), contained, null);
    }
}
