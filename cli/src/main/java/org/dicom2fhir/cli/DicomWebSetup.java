package org.dicom2fhir.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dicom2fhir.dicomweb.DicomWebServer;
import org.dicom2fhir.dicomweb.DicomWebStudy;
import org.dicom2fhir.dicomweb.StudyUrl;
import org.dicom2fhir.http.Credentials;
import org.dicom2fhir.http.BasicCredentials;
import org.dicom2fhir.http.BearerToken;
import org.dicom2fhir.http.HttpOptions;
import org.dicom2fhir.http.HttpSetupException;

/**
 * STUDY_DIR as a DICOMweb study URL: recognised by its {@code http:}/{@code https:} scheme, its credentials, and the
 * HTTP options it shares with {@code --post} ({@link #httpOptions}).
 */
final class DicomWebSetup {
    /** Options that only a DICOMweb study URL uses. */
    private static final List<OptionSpec<?>> DICOMWEB_OPTIONS = List.of(CliOptions.DICOMWEB_CREDENTIALS_FILE,
            CliOptions.DICOMWEB_TOKEN_FILE);
    /** The options of a batch over a DICOMweb server. */
    private static final List<OptionSpec<String>> BATCH_OPTIONS = List.of(CliOptions.DICOMWEB, CliOptions.STUDIES,
            CliOptions.QIDO);

    private DicomWebSetup() {
    }

    /** Whether the studies come from a DICOMweb server: STUDY_DIR is a URL, or batch --dicomweb BASE. */
    static boolean fromDicomWeb(Options options) {
        if (options.batch()) {
            return options.given(CliOptions.DICOMWEB);
        }
        return options.studyDir() != null && StudyUrl.isUrl(options.studyDir());
    }

    /** The DICOMweb base URL: of the study URL, or of batch's --dicomweb (checked by {@link #checkUsage}). */
    static String base(Options options) {
        return options.batch() ? HttpOptions.checkedBase(options.get(CliOptions.DICOMWEB), "--dicomweb").toString()
                : StudyUrl.parse(options.studyDir()).base().toString();
    }

    static void checkUsage(Options options) throws UsageException {
        if (!options.batch()) {
            for (OptionSpec<String> option : BATCH_OPTIONS) {
                if (options.given(option)) {
                    throw new UsageException(option.longName() + " is an option of dicom2fhir batch (a single "
                            + "study from a DICOMweb server: give its study URL as STUDY_DIR).");
                }
            }
        } else if (fromDicomWeb(options)) {
            checkBatchUsage(options);
        } else {
            for (OptionSpec<String> option : List.of(CliOptions.STUDIES, CliOptions.QIDO)) {
                if (options.given(option)) {
                    throw new UsageException(option.longName() + " selects studies of a DICOMweb server: give its "
                            + "base URL with --dicomweb BASE.");
                }
            }
        }
        if (!fromDicomWeb(options)) {
            for (OptionSpec<?> option : DICOMWEB_OPTIONS) {
                if (options.given(option)) {
                    throw new UsageException(option.longName() + (options.batch()
                            ? " is an option of --dicomweb BASE." : " is an option of a DICOMweb study URL: give "
                            + "http(s)://host/.../studies/<StudyInstanceUID> as STUDY_DIR."));
                }
            }
            return;
        }
        if (!options.batch()) {
            try {
                StudyUrl.parse(options.studyDir());
            } catch (IllegalArgumentException e) {
                throw new UsageException("STUDY_DIR: " + Main.sentence(e.getMessage()));
            }
        }
        if (options.given(CliOptions.DICOMWEB_CREDENTIALS_FILE) && options.given(CliOptions.DICOMWEB_TOKEN_FILE)) {
            throw new UsageException("use either --dicomweb-credentials-file or --dicomweb-token-file, not both.");
        }
    }

    private static void checkBatchUsage(Options options) throws UsageException {
        if (!options.roots().isEmpty()) {
            throw new UsageException("--dicomweb converts the studies of a DICOMweb server: give no ROOT folder "
                    + "with it.");
        }
        try {
            base(options);
        } catch (IllegalArgumentException e) {
            throw new UsageException(Main.sentence(e.getMessage()));
        }
        if (options.given(CliOptions.STUDIES) && options.given(CliOptions.QIDO)) {
            throw new UsageException("use either --studies FILE or --qido QUERY, not both.");
        }
        if (options.given(CliOptions.QIDO)) {
            try {
                DicomWebServer.checkQuery(options.get(CliOptions.QIDO));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--qido: " + Main.sentence(e.getMessage()));
            }
        }
    }

    /**
     * The Study Instance UIDs of {@code --studies FILE}, each once, in the file's order.
     *
     * @throws UsageException a line that is not a UID (named by its number, never quoted)
     * @throws IOException    the file cannot be read
     */
    static List<String> studiesFile(Path file) throws UsageException, IOException {
        Set<String> uids = new LinkedHashSet<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!DicomWebServer.isUid(line)) {
                throw new UsageException("--studies: line " + (i + 1) + " is not a Study Instance UID (digits and "
                        + "dots, at most 64 characters).");
            }
            uids.add(line);
        }
        return List.copyOf(uids);
    }

    /**
     * The server of batch's {@code --dicomweb BASE}.
     *
     * @param maxResponseBytes the converter's {@code --max-response-mib}
     * @throws UsageException a credentials or token file that holds no credentials, a CA file without certificates
     * @throws IOException    a credentials or token file cannot be read
     */
    static DicomWebServer server(Options options, Map<String, String> environment, long maxResponseBytes)
            throws UsageException, IOException {
        return server(base(options), options, environment, maxResponseBytes);
    }

    private static DicomWebServer server(String base, Options options, Map<String, String> environment,
            long maxResponseBytes) throws UsageException, IOException {
        try {
            return DicomWebServer.builder(base)
                    .http(NetworkOptions.http(options, environment))
                    .credentials(credentials(options, environment))
                    .maxResponseBytes(maxResponseBytes)
                    .build();
        } catch (HttpSetupException | IllegalArgumentException e) {
            throw new UsageException(Main.sentence(e.getMessage()));
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
        StudyUrl url = StudyUrl.parse(options.studyDir());
        return server(url.base().toString(), options, environment, maxResponseBytes).study(url.studyUid());
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
