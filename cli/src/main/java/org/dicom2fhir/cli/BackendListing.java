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
