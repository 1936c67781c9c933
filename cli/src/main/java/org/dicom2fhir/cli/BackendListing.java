package org.dicom2fhir.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.dicom2fhir.api.BackendSelectionException;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.core.BackendInfo;
import org.dicom2fhir.core.Backends;

/**
 * {@code --list-backends}: the backends found, on standard output, with the FHIR releases writers
 * produce and validators accept in a column of their own; providers that failed to load, as warnings.
 */
final class BackendListing {
    private BackendListing() {
    }

    /** Prints the listing; exit code 0. */
    static int print(ClassLoader loader, PrintStream out, PrintStream err) throws UsageException {
        String listing;
        List<String> failures;
        try {
            Backends backends = Backends.discover(loader);
            listing = render(backends.readers(), backends.writers(), backends.validators());
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

    static String render(List<BackendInfo> readers, List<BackendInfo> writers, List<BackendInfo> validators) {
        StringBuilder out = new StringBuilder();
        section(out, "readers", readers, false);
        section(out, "writers", writers, true);
        section(out, "validators", validators, true);
        return out.toString();
    }

    /** {@code   hapi     FHIR 4.0.1, 5.0.0   description}: name, releases (for writers and validators), description. */
    private static void section(StringBuilder out, String title, List<BackendInfo> found, boolean withReleases) {
        out.append(title).append(":\n");
        if (found.isEmpty()) {
            out.append("  (none found)\n");
            return;
        }
        List<String> names = new ArrayList<>();
        List<String> releases = new ArrayList<>();
        for (BackendInfo backend : found) {
            names.add(backend.name());
            releases.add(withReleases ? releases(backend) : "");
        }
        int nameWidth = names.stream().mapToInt(String::length).max().orElse(0);
        int releaseWidth = releases.stream().mapToInt(String::length).max().orElse(0);
        for (int i = 0; i < found.size(); i++) {
            StringBuilder line = new StringBuilder("  ").append(pad(names.get(i), nameWidth + 2));
            if (withReleases) {
                line.append(pad(releases.get(i), releaseWidth + 2));
            }
            line.append(found.get(i).description());
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    /** {@code FHIR 4.0.1, 5.0.0} in release order; {@code FHIR ?} for a provider that did not say. */
    private static String releases(BackendInfo backend) {
        if (backend.releases().isEmpty()) {
            return "FHIR ?";
        }
        return "FHIR " + String.join(", ", backend.releases().stream().sorted().map(FhirRelease::version).toList());
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
