package org.dicom2fhir.core;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.dicom2fhir.api.BackendSelectionException;
import org.dicom2fhir.api.spi.BackendProvider;
import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.api.spi.DicomReaderProvider;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirValidator;
import org.dicom2fhir.api.spi.FhirValidatorProvider;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.FhirWriterProvider;
import org.dicom2fhir.core.internal.pipeline.BackendKind;
import org.dicom2fhir.core.internal.pipeline.ProviderCatalog;

/**
 * The backends found through {@link java.util.ServiceLoader} in one class loader, and the one rule
 * that selects among them (architecture.md, "Selecting a backend"):
 * <ol>
 * <li>an explicit instance always wins (that is the builder's business: it never asks here);</li>
 * <li>else a requested name: the argument, else the system property {@code dicom2fhir.reader} /
 *     {@code dicom2fhir.writer};</li>
 * <li>a typed request picks the writer by its native resource class;</li>
 * <li>an unknown name fails, listing the names available and the artifact that provides the requested one;</li>
 * <li>no name: the only provider; among several the default ({@code part10}, {@code hapi}), else a
 *     failure listing them; none: a failure naming the artifact to add;</li>
 * <li>a provider that failed to load is named, with its cause, in every failure it may explain.</li>
 * </ol>
 * Each kind is discovered on first use; two providers of one kind with the same name fail then
 * ({@link BackendSelectionException}). Thread-safe.
 */
public final class Backends {
    private final ClassLoader loader;
    private volatile ProviderCatalog<DicomReaderProvider> readers;
    private volatile ProviderCatalog<FhirWriterProvider> writers;
    private volatile ProviderCatalog<FhirValidatorProvider> validators;

    private Backends(ClassLoader loader) {
        this.loader = loader;
    }

    /** The backends visible to the loader (a plug-in loader, or the application's). */
    public static Backends discover(ClassLoader loader) {
        return new Backends(Objects.requireNonNull(loader, "loader"));
    }

    /** Backends of the thread's context class loader (or this library's when there is none). */
    public static Backends discover() {
        return discover(defaultLoader());
    }

    static ClassLoader defaultLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Backends.class.getClassLoader();
    }

    public List<BackendInfo> readers() {
        return readerCatalog().providers().stream()
                .map(p -> info(BackendKind.READER, p, Set.of())).toList();
    }

    public List<BackendInfo> writers() {
        return writerCatalog().providers().stream()
                .map(p -> info(BackendKind.WRITER, p, safe(() -> Set.of(p.release())))).toList();
    }

    public List<BackendInfo> validators() {
        return validatorCatalog().providers().stream()
                .map(p -> info(BackendKind.VALIDATOR, p, safe(p::releases)))
                .toList();
    }

    /** One sentence for every provider (of any kind) that failed to load, with its cause. */
    public List<String> loadFailures() {
        return Stream.of(readerCatalog(), writerCatalog(), validatorCatalog())
                .flatMap(c -> c.failures().stream().map(f -> "A " + c.kind().noun() + " failed to load: " + f.describe()))
                .toList();
    }

    /** @param nameOrNull a name, or null for the system property {@code dicom2fhir.reader} and then the rule */
    public DicomReader reader(String nameOrNull) {
        return ProviderCatalog.create(BackendKind.READER, readerCatalog().select(nameOrNull));
    }

    /**
     * The writer provider of this name, not yet started: it declares the release and native type.
     *
     * @param nameOrNull a name, or null for the system property {@code dicom2fhir.writer} and then the rule
     */
    public FhirWriterProvider writerProvider(String nameOrNull) {
        return writerCatalog().select(nameOrNull);
    }

    /** The writer provider whose native ImagingStudy class has this name, e.g. {@code org.hl7.fhir.r4.model.ImagingStudy}. */
    public FhirWriterProvider writerProviderFor(String nativeClassName) {
        Objects.requireNonNull(nativeClassName, "nativeClassName");
        return writerCatalog().selectWhere(
                p -> nativeClassName.equals(safe(p::nativeResourceClassName)),
                "for " + nativeClassName,
                p -> p.name() + " (" + safe(p::nativeResourceClassName) + ")",
                NativeTypes.artifactFor(nativeClassName));
    }

    /** A started writer: {@link #writerProvider(String)} and its {@code create()}, with failures explained. */
    public FhirWriter writer(String nameOrNull) {
        return createWriter(writerProvider(nameOrNull));
    }

    /** Starts a writer, turning a provider's failure into a clear {@link BackendSelectionException}. */
    public static FhirWriter createWriter(FhirWriterProvider provider) {
        return ProviderCatalog.create(BackendKind.WRITER, provider);
    }

    /** @param nameOrNull a name, or null for the system property {@code dicom2fhir.validator} and then the rule */
    public FhirValidatorProvider validatorProvider(String nameOrNull) {
        return validatorCatalog().select(nameOrNull);
    }

    /** A started validator of {@link #validatorProvider(String)}. */
    public FhirValidator validator(String nameOrNull) {
        return ProviderCatalog.create(BackendKind.VALIDATOR, validatorProvider(nameOrNull));
    }

    private ProviderCatalog<DicomReaderProvider> readerCatalog() {
        ProviderCatalog<DicomReaderProvider> c = readers;
        if (c == null) {
            synchronized (this) {
                if (readers == null) {
                    readers = ProviderCatalog.discover(BackendKind.READER, DicomReaderProvider.class, loader);
                }
                c = readers;
            }
        }
        return c;
    }

    private ProviderCatalog<FhirWriterProvider> writerCatalog() {
        ProviderCatalog<FhirWriterProvider> c = writers;
        if (c == null) {
            synchronized (this) {
                if (writers == null) {
                    writers = ProviderCatalog.discover(BackendKind.WRITER, FhirWriterProvider.class, loader);
                }
                c = writers;
            }
        }
        return c;
    }

    private ProviderCatalog<FhirValidatorProvider> validatorCatalog() {
        ProviderCatalog<FhirValidatorProvider> c = validators;
        if (c == null) {
            synchronized (this) {
                if (validators == null) {
                    validators = ProviderCatalog.discover(BackendKind.VALIDATOR, FhirValidatorProvider.class, loader);
                }
                c = validators;
            }
        }
        return c;
    }

    private static BackendInfo info(BackendKind kind, BackendProvider<?> p, Set<FhirRelease> releases) {
        return new BackendInfo(kind.word(), p.name(), safe(p::description), releases);
    }

    /** A provider's own answer, or null when it throws: a listing must not fail on one bad provider. */
    private static <T> T safe(java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** The well-known native ImagingStudy classes and the artifacts that produce them. */
    static final class NativeTypes {
        private NativeTypes() {
        }

        static String artifactFor(String nativeClassName) {
            return switch (nativeClassName) {
                case "org.hl7.fhir.r4.model.ImagingStudy", "org.hl7.fhir.r5.model.ImagingStudy" ->
                        BackendKind.WRITER.artifactFor("hapi");
                case "com.ibm.fhir.model.resource.ImagingStudy" -> BackendKind.WRITER.artifactFor("ibm");
                default -> null;
            };
        }
    }
}
