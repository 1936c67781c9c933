package org.dicom2fhir.cli;

import java.io.PrintStream;
import java.util.List;
import org.dicom2fhir.api.BackendSelectionException;
import org.dicom2fhir.core.BackendInfo;
import org.dicom2fhir.core.Backends;

/** {@code --list-backends}: the backends found, on standard output; providers that failed to load, as warnings. */
final class BackendListing {
    private BackendListing() {
    }

    /** Prints the listing; exit code 0. */
    static int print(ClassLoader loader, PrintStream out, PrintStream err) throws UsageException {
        String listing;
        List<String> failures;
        try {
            Backends backends = Backends.discover(loader);
            listing = render(backends);
            failures = backends.loadFailures();
        } catch (BackendSelectionException e) {
            throw new UsageException(Main.sentence(e.getMessage()));
        }
        out.print(listing);
        out.flush();
        for (String failure : failures) {
            err.println("warning: " + Main.sentence(failure));
        }
        return ExitCodes.SUCCESS;
    }

    static String render(Backends backends) {
        StringBuilder out = new StringBuilder();
        section(out, "readers", backends.readers());
        section(out, "writers", backends.writers());
        section(out, "validators", backends.validators());
        return out.toString();
    }

    private static String versions(BackendInfo backend) {
        return backend.releases().stream().sorted().map(r -> r.version()).collect(java.util.stream.Collectors.joining(", "));
    }

    private static void section(StringBuilder out, String title, List<BackendInfo> found) {
        out.append(title).append(":\n");
        if (found.isEmpty()) {
            out.append("  (none found)\n");
            return;
        }
        int width = found.stream().mapToInt(b -> b.name().length()).max().orElse(0);
        for (BackendInfo backend : found) {
            out.append("  ").append(backend.name()).append(" ".repeat(width - backend.name().length() + 2))
                    .append(backend.description() == null ? "" : backend.description());
            String versions = versions(backend);
            if (!versions.isEmpty() && !backend.description().contains(versions)) {
                out.append(" (FHIR ").append(versions).append(')');
            }
            out.append('\n');
        }
    }
}
