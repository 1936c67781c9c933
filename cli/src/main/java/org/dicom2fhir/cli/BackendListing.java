package org.dicom2fhir.cli;

import java.util.List;
import org.dicom2fhir.core.BackendInfo;
import org.dicom2fhir.core.Backends;

/** The text of {@code --list-backends}. */
final class BackendListing {
    private BackendListing() {
    }

    static String render(Backends backends) {
        StringBuilder out = new StringBuilder();
        section(out, "readers", backends.readers());
        section(out, "writers", backends.writers());
        section(out, "validators", backends.validators());
        return out.toString();
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
            if (backend.fhirVersion() != null && !backend.fhirVersion().isBlank()
                    && !backend.description().contains(backend.fhirVersion())) {
                out.append(" (FHIR ").append(backend.fhirVersion()).append(')');
            }
            out.append('\n');
        }
    }
}
