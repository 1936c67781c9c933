package org.dicom2fhir.core.internal.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.dicom2fhir.api.BackendSelectionException;
import org.dicom2fhir.api.spi.BackendProvider;

/**
 * The providers of one kind found through {@link ServiceLoader}, and the selection rule of
 * architecture.md ("Selecting a backend") over them. Providers that fail to load are remembered and
 * named in every message where they might be the reason for a failure.
 */
public final class ProviderCatalog<P extends BackendProvider<?>> {
    /** Stop collecting load failures after this many: a broken iterator must not loop forever. */
    private static final int MAX_LOAD_FAILURES = 100;

    private static final System.Logger LOG = System.getLogger(ProviderCatalog.class.getName());

    private final BackendKind kind;
    private final List<P> providers; // sorted by name
    private final List<LoadFailure> failures;

    /** A provider that could not be loaded: the service loader's message and the underlying cause. */
    public record LoadFailure(String message, Throwable cause) {
        /** One sentence: what failed and why. */
        public String describe() {
            Throwable root = cause == null ? null : rootCause(cause);
            String why = root == null ? "" : "; cause: " + root.getClass().getName()
                    + (root.getMessage() == null ? "" : ": " + root.getMessage());
            return message + why;
        }

        private static Throwable rootCause(Throwable t) {
            Throwable c = t;
            while (c.getCause() != null && c.getCause() != c) {
                c = c.getCause();
            }
            return c;
        }
    }

    private ProviderCatalog(BackendKind kind, List<P> providers, List<LoadFailure> failures) {
        this.kind = kind;
        this.providers = List.copyOf(providers);
        this.failures = List.copyOf(failures);
    }

    private static <P extends BackendProvider<?>> ProviderCatalog<P> of(BackendKind kind, List<P> providers,
            List<LoadFailure> failures) {
        List<P> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.comparing(p -> normalise(p.name())));
        rejectDuplicateNames(kind, sorted);
        return new ProviderCatalog<>(kind, sorted, failures);
    }

    /**
     * Loads every provider of the kind visible to the loader.
     *
     * @throws BackendSelectionException two providers have the same name
     */
    public static <P extends BackendProvider<?>> ProviderCatalog<P> discover(BackendKind kind, Class<P> service,
            ClassLoader loader) {
        if (!service.equals(kind.service())) {
            throw new IllegalArgumentException(service + " is not the service of " + kind);
        }
        List<P> found = new ArrayList<>();
        List<LoadFailure> failures = new ArrayList<>();
        Iterator<P> it = ServiceLoader.load(service, loader).iterator();
        while (failures.size() < MAX_LOAD_FAILURES) {
            P provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (ServiceConfigurationError e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "a " + kind.noun() + " provider failed to load: " + e.getMessage());
                failures.add(new LoadFailure(e.getMessage(), e.getCause()));
                continue;
            }
            String name;
            try {
                name = provider.name();
            } catch (RuntimeException | LinkageError e) {
                failures.add(new LoadFailure(provider.getClass().getName() + " failed to tell its name", e));
                continue;
            }
            if (name == null || name.isBlank()) {
                failures.add(new LoadFailure(provider.getClass().getName() + " has no name", null));
                continue;
            }
            found.add(provider);
        }
        return of(kind, found, failures);
    }

    private static <P extends BackendProvider<?>> void rejectDuplicateNames(BackendKind kind, List<P> sorted) {
        Map<String, P> byName = new HashMap<>();
        for (P p : sorted) {
            P other = byName.putIfAbsent(normalise(p.name()), p);
            if (other != null) {
                throw new BackendSelectionException("Two " + kind.plural() + " are named \"" + normalise(p.name())
                        + "\": " + other.getClass().getName() + " and " + p.getClass().getName()
                        + ". Remove one of them from the class path.");
            }
        }
    }

    static String normalise(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    public BackendKind kind() {
        return kind;
    }

    /** Sorted by name. */
    public List<P> providers() {
        return providers;
    }

    public List<LoadFailure> failures() {
        return failures;
    }

    /**
     * The rule without a type: the requested name, else the kind's system property, else the only
     * provider, else the default name among several.
     */
    public P select(String requestedName) {
        String name = blankToNull(requestedName);
        String source = "";
        if (name == null) {
            name = blankToNull(System.getProperty(kind.systemProperty()));
            source = " (from the system property " + kind.systemProperty() + ")";
        }
        if (name != null) {
            return byName(name, source);
        }
        if (providers.isEmpty()) {
            throw failure("No " + kind.noun() + " found. Add " + kind.defaultArtifact() + " (or another "
                    + kind.noun() + ") to the class path.");
        }
        if (providers.size() == 1) {
            return providers.get(0);
        }
        for (P p : providers) {
            if (normalise(p.name()).equals(kind.defaultName())) {
                return p;
            }
        }
        throw failure("Several " + kind.plural() + " found (" + names(providers) + ") and none is named \""
                + kind.defaultName() + "\". Choose one by name, for example with the system property "
                + kind.systemProperty() + ".");
    }

    private P byName(String requested, String source) {
        String name = normalise(requested);
        for (P p : providers) {
            if (normalise(p.name()).equals(name)) {
                return p;
            }
        }
        String artifact = kind.artifactFor(name);
        throw failure("No " + kind.noun() + " named \"" + requested.trim() + "\"" + source + ". Available: "
                + (providers.isEmpty() ? "none" : names(providers)) + ". Add "
                + (artifact == null ? "the artifact that provides it" : artifact) + " to the class path.");
    }

    /**
     * The providers that match a requirement (a writer's native class): exactly one is chosen; among
     * several the default name, else a failure listing them.
     *
     * @param requirement  e.g. {@code for org.hl7.fhir.r4.model.ImagingStudy}
     * @param describe     how a provider is shown in the list of what is available
     * @param artifactHint the artifact that would provide a match, or null
     */
    public P selectWhere(Predicate<P> matches, String requirement, Function<P, String> describe, String artifactHint) {
        List<P> candidates = providers.stream().filter(matches).toList();
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.isEmpty()) {
            String available = providers.isEmpty() ? "none"
                    : providers.stream().map(describe).collect(Collectors.joining(", "));
            throw failure("No " + kind.noun() + " " + requirement + ". Available: " + available + ". Add "
                    + (artifactHint == null ? "the artifact of such a " + kind.noun() : artifactHint)
                    + " to the class path.");
        }
        for (P p : candidates) {
            if (normalise(p.name()).equals(kind.defaultName())) {
                return p;
            }
        }
        throw failure("Several " + kind.plural() + " " + requirement + " (" + names(candidates)
                + "). Choose one by name.");
    }

    /** Creates the backend, turning a provider's failure into a clear {@link BackendSelectionException}. */
    public static <B> B create(BackendKind kind, BackendProvider<B> provider) {
        B backend;
        try {
            backend = provider.create();
        } catch (BackendSelectionException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new BackendSelectionException("The " + kind.noun() + " \"" + provider.name() + "\" ("
                    + provider.getClass().getName() + ") failed to start: " + e.getClass().getName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ".", e);
        }
        if (backend == null) {
            throw new BackendSelectionException("The " + kind.noun() + " \"" + provider.name() + "\" ("
                    + provider.getClass().getName() + ") created nothing.");
        }
        return backend;
    }

    private BackendSelectionException failure(String message) {
        if (failures.isEmpty()) {
            return new BackendSelectionException(message);
        }
        String notes = failures.stream().map(LoadFailure::describe).collect(Collectors.joining(" | "));
        String sentence = failures.size() == 1
                ? " Note: one " + kind.noun() + " provider failed to load: "
                : " Note: " + failures.size() + " " + kind.noun() + " providers failed to load: ";
        BackendSelectionException e = new BackendSelectionException(message + sentence + notes,
                failures.get(0).cause());
        for (int i = 1; i < failures.size(); i++) {
            if (failures.get(i).cause() != null) {
                e.addSuppressed(failures.get(i).cause());
            }
        }
        return e;
    }

    private static String names(List<? extends BackendProvider<?>> list) {
        return list.stream().map(p -> normalise(p.name())).collect(Collectors.joining(", "));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
