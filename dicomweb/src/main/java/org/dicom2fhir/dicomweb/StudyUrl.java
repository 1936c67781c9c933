package org.dicom2fhir.dicomweb;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dicom2fhir.http.HttpOptions;

/**
 * A DICOMweb study URL, {@code http(s)://host/any/base/studies/<StudyInstanceUID>}: the service's base (what the
 * Endpoint points at) and the study's UID.
 *
 * @param base the DICOMweb base URL, without a trailing slash
 * @param studyUid the Study Instance UID
 */
public record StudyUrl(URI base, String studyUid) {
    private static final Pattern STUDY_PATH = Pattern.compile("(.*)/studies/([0-9]+(?:\\.[0-9]+)*)");

    public StudyUrl {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(studyUid, "studyUid");
    }

    /** Whether a command-line argument names a URL rather than a folder: it starts with {@code http:} or {@code https:}. */
    public static boolean isUrl(String argument) {
        String lower = argument.toLowerCase(Locale.ROOT);
        return lower.startsWith("http:") || lower.startsWith("https:");
    }

    /**
     * @throws IllegalArgumentException for anything but {@code http(s)://host/.../studies/<uid>} (a UID of digits and
     *         dots, at most 64 characters), saying what is wrong
     */
    public static StudyUrl parse(String url) {
        URI checked = HttpOptions.checkedBase(Objects.requireNonNull(url, "url"), "a DICOMweb study URL");
        String path = checked.getRawPath() == null ? "" : checked.getRawPath();
        Matcher m = STUDY_PATH.matcher(path);
        if (!m.matches() || m.group(2).length() > 64) {
            throw new IllegalArgumentException("a DICOMweb study URL ends with /studies/<StudyInstanceUID> (digits and"
                    + " dots, at most 64 characters), e.g. https://pacs.example.org/dicom-web/studies/1.2.840.1");
        }
        String text = checked.toString();
        return new StudyUrl(URI.create(text.substring(0, text.length() - path.length() + m.group(1).length())),
                m.group(2));
    }

    /** {@code base/studies/uid}, and below it the given path (starting with a slash, or empty). */
    URI resolve(String below) {
        return URI.create(base + "/studies/" + studyUid + below);
    }

    @Override
    public String toString() {
        return base + "/studies/" + studyUid;
    }
}
