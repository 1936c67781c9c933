package org.dicom2fhir.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dicom2fhir.dicomweb.DicomWebStudy;
import org.dicom2fhir.dicomweb.StudyUrl;
import org.dicom2fhir.http.Credentials;
import org.dicom2fhir.http.BasicCredentials;
import org.dicom2fhir.http.BearerToken;
import org.dicom2fhir.http.HttpSetupException;

/**
 * STUDY_DIR as a DICOMweb study URL: recognised by its {@code http:}/{@code https:} scheme, its credentials, and the
 * HTTP options it shares with {@code --post} ({@link #httpOptions}).
 */
final class DicomWebSetup {
    /** Options that only a DICOMweb study URL uses. */
    private static final List<OptionSpec<?>> DICOMWEB_OPTIONS = List.of(CliOptions.DICOMWEB_CREDENTIALS_FILE,
            CliOptions.DICOMWEB_TOKEN_FILE);

    private DicomWebSetup() {
    }

    /** Whether STUDY_DIR is a URL (then it must be a DICOMweb study URL). */
    static boolean fromDicomWeb(Options options) {
        return options.studyDir() != null && StudyUrl.isUrl(options.studyDir());
    }

    static void checkUsage(Options options) throws UsageException {
        if (!fromDicomWeb(options)) {
            for (OptionSpec<?> option : DICOMWEB_OPTIONS) {
                if (options.given(option)) {
                    throw new UsageException(option.longName() + " is an option of a DICOMweb study URL: give "
                            + "http(s)://host/.../studies/<StudyInstanceUID> as STUDY_DIR.");
                }
            }
            return;
        }
        try {
            StudyUrl.parse(options.studyDir());
        } catch (IllegalArgumentException e) {
            throw new UsageException("STUDY_DIR: " + Main.sentence(e.getMessage()));
        }
        if (options.given(CliOptions.DICOMWEB_CREDENTIALS_FILE) && options.given(CliOptions.DICOMWEB_TOKEN_FILE)) {
            throw new UsageException("use either --dicomweb-credentials-file or --dicomweb-token-file, not both.");
        }
    }

    /**
     * The study of a DICOMweb study URL.
     *
     * @param maxResponseBytes the converter's {@code --max-response-mib}
     * @throws UsageException a credentials or token file that holds no credentials, a CA file without certificates
     * @throws IOException    a credentials or token file cannot be read
     */
    static DicomWebStudy study(Options options, Map<String, String> environment, long maxResponseBytes)
            throws UsageException, IOException {
        try {
            return DicomWebStudy.builder(options.studyDir())
                    .http(NetworkOptions.http(options, environment))
                    .credentials(credentials(options, environment))
                    .maxResponseBytes(maxResponseBytes)
                    .build();
        } catch (HttpSetupException | IllegalArgumentException e) {
            throw new UsageException(Main.sentence(e.getMessage()));
        }
    }

    private static Credentials credentials(Options options, Map<String, String> environment) throws IOException {
        String credentials = options.get(CliOptions.DICOMWEB_CREDENTIALS_FILE);
        if (credentials != null) {
            return BasicCredentials.fromFile(Path.of(credentials));
        }
        String token = options.get(CliOptions.DICOMWEB_TOKEN_FILE);
        return token != null ? BearerToken.fromFile(Path.of(token))
                : BearerToken.fromEnvironment(environment, DicomWebStudy.TOKEN_VARIABLE);
    }
}
