package org.dicom2fhir.cli;

import static org.dicom2fhir.cli.OptionSpec.flag;
import static org.dicom2fhir.cli.OptionSpec.negatableFlag;
import static org.dicom2fhir.cli.OptionSpec.repeatable;
import static org.dicom2fhir.cli.OptionSpec.value;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.core.IdStrategy;
import org.dicom2fhir.core.TransactionPlan;
import org.dicom2fhir.delivery.ClientCertificate;
import org.dicom2fhir.delivery.TokenSource;
import org.dicom2fhir.dicomweb.DicomWebStudy;

/**
 * Every option of the command, declared once, in the order of the help. A declaration is the whole
 * option as the command line sees it: names, value label and type (how it is parsed and checked),
 * default and help paragraph. {@link CommandLineParser} parses by these, {@link HelpText} renders
 * them, and the value of each is kept in {@link Options} under the declaration itself, where the run
 * reads it ({@code options.get(CliOptions.OUTPUT)}).
 *
 * <p>Adding an option: one {@code declare(...)} line here (with an existing {@link ValueType}, or a new
 * kind there), then read it where it takes effect. The safety limits are not declared by hand: one
 * option per {@link Limit}, so that a limit added to the enum is on the command line and in the help
 * with no change here.
 */
final class CliOptions {
    // first: filled by the declarations below, in textual order
    private static final List<OptionSpec<?>> DECLARED = new ArrayList<>();

    static final OptionSpec<String> OUTPUT = declare(value("-o", "--output", "FILE", ValueType.TEXT, null,
            "Write the result to FILE ('-' = standard output, the default). A regular or new file "
            + "is written atomically (temporary file, then rename); /dev/null, FIFOs and links are written in place."));
    static final OptionSpec<String> READER = declare(value("-r", "--reader", "NAME", ValueType.TEXT, null,
            "DICOM reader backend (part10, pixelmed or a plug-in's name). Default: system property "
            + "dicom2fhir.reader, else the only reader found, else part10."));
    static final OptionSpec<String> WRITER = declare(value("-w", "--writer", "NAME", ValueType.TEXT, null,
            "FHIR model backend (hapi, hapi-r5, ibm or a plug-in's name). Default: system property "
            + "dicom2fhir.writer, else the only writer found, else hapi."));
    static final OptionSpec<OutputFormat> FORMAT = declare(value(null, "--format", "json|xml", ValueType.FORMAT,
            OutputFormat.JSON, "Serialisation: json (default) or xml."));
    static final OptionSpec<Boolean> PRETTY = declare(flag(null, "--pretty", "Indented output (default: compact)."));
    static final OptionSpec<ZoneId> TIMEZONE = declare(value(null, "--timezone", "ZONE", ValueType.ZONE, null,
            "Zone for DICOM date-times without Timezone Offset From UTC (0008,0201): an IANA name "
            + "(Europe/Berlin), an offset (+01:00) or 'system'. Default: none, such values keep the date only."));
    static final OptionSpec<IdStrategy> ID = declare(value(null, "--id", "uid|random", ValueType.ID_STRATEGY,
            IdStrategy.UID, "ImagingStudy id: derived from the Study Instance UID (uid, default) or random."));
    static final OptionSpec<String> ENDPOINT = declare(value(null, "--endpoint", "URL", ValueType.TEXT, null,
            "DICOMweb base URL of the archive holding the study, emitted as a contained Endpoint "
            + "(absolute http(s), no query, no trailing slash or /studies). Default for a DICOMweb study URL: "
            + "its base; else none."));
    static final OptionSpec<String> ISSUER_MAP = declare(value(null, "--issuer-map", "FILE", ValueType.TEXT, null,
            "System URIs for Patient IDs whose Issuer of Patient ID (0010,0021) is text only: UTF-8 lines "
            + "ISSUER=URI (split at the last '=', '#' comments), matched by the exact issuer text. Used when "
            + "(0010,0024) gives no Universal Entity ID; an issuer not listed gives no system."));
    static final OptionSpec<String> PATIENT_ID_SYSTEM = declare(value(null, "--patient-id-system", "URI",
            ValueType.TEXT, null, "System URI of Patient IDs that name no issuer at all (neither (0010,0021) "
            + "nor (0010,0024))."));
    static final OptionSpec<String> POST = declare(value(null, "--post", "URL", ValueType.TEXT, null,
            "Deliver each study to the FHIR server at URL (its base, http or https) as a transaction Bundle "
            + "in compact JSON, one per study; standard output then carries nothing unless -o names a target "
            + "(-o writes the converted resource, not the transaction)."));
    static final OptionSpec<TransactionPlan.Match> MATCH = declare(value(null, "--match", "identifier|id",
            ValueType.MATCH, TransactionPlan.Match.IDENTIFIER, "How the server finds the ImagingStudy: "
            + "identifier (default; a conditional update on the Study Instance UID: re-runs update, a study "
            + "stored by another system under another id is rejected, not duplicated) or id (a plain update "
            + "of ImagingStudy/<id>, for servers without conditional update: a study stored under another id "
            + "is duplicated)."));
    static final OptionSpec<Boolean> MERGE = declare(flag(null, "--merge",
            "With --post: merge each study into the ImagingStudy the server holds (found by its identifier): add "
            + "or replace series and instances by UID, keep everything else on the server's study, update with "
            + "If-Match (a conflict is read again and retried); a study the server lacks is created by a conditional "
            + "create; a merge that changes nothing sends nothing; a server study of another patient is not touched."));
    static final OptionSpec<Boolean> SERVER_IDS = declare(flag(null, "--server-ids",
            "With --match identifier: no id in the ImagingStudy, for servers that assign their own ids (the "
            + "report gives the server's id)."));
    static final OptionSpec<TransactionPlan.PatientMode> PATIENT = declare(value(null, "--patient",
            "contained|bundle|reference", ValueType.PATIENT_MODE, TransactionPlan.PatientMode.CONTAINED,
            "The patient: contained in the ImagingStudy (default); bundle: a Patient entry created only if no "
            + "Patient on the server has its identifier (the study is not sent when the Patient ID has no "
            + "system, or when its instances disagree on the patient); reference: no Patient, the subject is "
            + "--subject. Without --post, bundle writes the transaction Bundle that would be posted (one study) "
            + "and reference the ImagingStudy without a contained Patient."));
    static final OptionSpec<String> SUBJECT = declare(value(null, "--subject", "REFERENCE", ValueType.TEXT, null,
            "The Patient of --patient reference: Patient/123 or an absolute URL."));
    static final OptionSpec<String> FHIR_TOKEN_FILE = declare(value(null, "--fhir-token-file", "FILE",
            ValueType.TEXT, null, "Bearer token for --post, read from FILE (one line); else the environment "
            + "variable " + TokenSource.ENVIRONMENT_VARIABLE + ". Never given on the command line."));
    static final OptionSpec<String> DICOMWEB_CREDENTIALS_FILE = declare(value(null, "--dicomweb-credentials-file",
            "FILE", ValueType.TEXT, null, "HTTP Basic credentials for a DICOMweb study URL, read from FILE (one line "
            + "user:password). Never given on the command line."));
    static final OptionSpec<String> DICOMWEB_TOKEN_FILE = declare(value(null, "--dicomweb-token-file", "FILE",
            ValueType.TEXT, null, "Bearer token for a DICOMweb study URL, read from FILE (one line); else the "
            + "environment variable " + DicomWebStudy.TOKEN_VARIABLE + ". Never given on the command line."));
    static final OptionSpec<String> FHIR_OAUTH_TOKEN_URL = declare(value(null, "--fhir-oauth-token-url", "URL",
            ValueType.TEXT, null, "OAuth2 token endpoint for --post (https; http only on a loopback address): "
            + "with --fhir-oauth-client-file the client credentials grant, with --fhir-smart-* SMART Backend "
            + "Services. Tokens are renewed before they expire and once after a 401."));
    static final OptionSpec<String> FHIR_OAUTH_CLIENT_FILE = declare(value(null, "--fhir-oauth-client-file", "FILE",
            ValueType.TEXT, null, "Properties file of the OAuth2 client: client_id, client_secret (sent as HTTP "
            + "Basic, client_secret_basic), optional scope."));
    static final OptionSpec<String> FHIR_SMART_CLIENT_ID = declare(value(null, "--fhir-smart-client-id", "ID",
            ValueType.TEXT, null, "SMART Backend Services: the client id registered at the FHIR server."));
    static final OptionSpec<String> FHIR_SMART_KEY_FILE = declare(value(null, "--fhir-smart-key-file", "FILE",
            ValueType.TEXT, null, "SMART Backend Services: the client's private key (PEM, unencrypted PKCS#8; RSA "
            + "for RS384 or EC P-384 for ES384) that signs the client assertion."));
    static final OptionSpec<String> FHIR_SMART_KID = declare(value(null, "--fhir-smart-kid", "KID", ValueType.TEXT,
            null, "SMART Backend Services: the key's id (kid) in the client's registered JWK Set."));
    static final OptionSpec<String> FHIR_SMART_SCOPE = declare(value(null, "--fhir-smart-scope", "SCOPES",
            ValueType.TEXT, null, "SMART Backend Services: the scopes to ask for, as granted to the client "
            + "(e.g. 'system/ImagingStudy.read system/ImagingStudy.write')."));
    static final OptionSpec<String> CLIENT_CERT = declare(value(null, "--client-cert", "FILE", ValueType.TEXT, null,
            "Client certificate for --post (mutual TLS): a PKCS#12 file, or PEM with an unencrypted PKCS#8 key and "
            + "the certificate chain."));
    static final OptionSpec<String> CLIENT_CERT_PASSWORD_FILE = declare(value(null, "--client-cert-password-file",
            "FILE", ValueType.TEXT, null, "The PKCS#12 password of --client-cert, read from FILE (one line); else "
            + "the environment variable " + ClientCertificate.PASSWORD_ENVIRONMENT_VARIABLE + "."));
    static final OptionSpec<String> CA_CERT = declare(value(null, "--ca-cert", "FILE", ValueType.TEXT, null,
            "PEM file of CA certificates trusted for --post and a DICOMweb study URL in addition to the JVM's "
            + "(certificate and host name checks stay on)."));
    static final OptionSpec<Integer> CONNECT_TIMEOUT = declare(value(null, "--connect-timeout", "SECONDS",
            ValueType.SECONDS, null, "Most seconds to open a connection to a server (--post, DICOMweb; default 10)."));
    static final OptionSpec<Integer> TIMEOUT = declare(value(null, "--timeout", "SECONDS", ValueType.SECONDS, null,
            "Most seconds to wait for a server's answer to a request, and for each part of a DICOMweb response's "
            + "body (default 120; not retried)."));
    static final OptionSpec<Integer> RETRIES = declare(value(null, "--retries", "N", ValueType.COUNT, null,
            "Retries of a request answered 429, 502, 503 or 504, or whose connection failed (default 3; 0: "
            + "none), with exponential backoff honouring Retry-After."));
    static final OptionSpec<Integer> RETRY_MAX_TIME = declare(value(null, "--retry-max-time", "SECONDS",
            ValueType.SECONDS, null, "No retry starts later than SECONDS after a request's first attempt "
            + "(default 300)."));
    static final OptionSpec<String> DICOMWEB = declare(value(null, "--dicomweb", "BASE", ValueType.TEXT, null,
            "batch: convert the studies of the DICOMweb server at BASE (e.g. https://pacs.example.org/dicom-web) "
            + "instead of ROOT folders: those of --studies FILE, else every study a QIDO-RS search returns."));
    static final OptionSpec<String> STUDIES = declare(value(null, "--studies", "FILE", ValueType.TEXT, null,
            "batch --dicomweb: the Study Instance UIDs to convert, one a line (blank lines and lines starting with "
            + "# are ignored)."));
    static final OptionSpec<String> QIDO = declare(value(null, "--qido", "QUERY", ValueType.TEXT, null,
            "batch --dicomweb without --studies: QIDO-RS attribute matching of the studies to convert, key=value "
            + "pairs joined by &, e.g. 'ModalitiesInStudy=CT' (default: every study, listed page by page)."));
    static final OptionSpec<String> STATE = declare(value(null, "--state", "DIR", ValueType.TEXT, null,
            "batch: the folder of the run's on-disk store (default: DIR/.dicom2fhir-state of -o DIR)."));
    static final OptionSpec<String> ID_KEY_FILE = declare(value(null, "--id-key-file", "FILE", ValueType.TEXT, null,
            "batch --patient bundle -o: the secret key of the Patient ids (HMAC-SHA-256 of system|value), one line of "
            + "at least 16 characters; else the environment variable " + BatchRun.ID_KEY_VARIABLE + "."));
    static final OptionSpec<Integer> POST_CONCURRENCY = declare(value(null, "--post-concurrency", "N", ValueType.COUNT,
            null, "batch --post: transactions in flight at a time (default 4); studies of one patient are sent one "
            + "after the other."));
    static final OptionSpec<Boolean> RESTART = declare(flag(null, "--restart",
            "batch: discard the journal of an interrupted run and start again (without it, the same command "
            + "continues the interrupted run)."));
    static final OptionSpec<Integer> MAX_REQUESTS_PER_SECOND = declare(value(null, "--max-requests-per-second", "N",
            ValueType.POSITIVE, null, "At most N requests per second to the server and the token endpoint, "
            + "shared by all of the run's requests, retries included (default: no limit)."));
    static final OptionSpec<Boolean> SPLIT = declare(flag(null, "--split",
            "One ImagingStudy per study, written as a FHIR Bundle of type collection (also for one study). "
            + "Without it, several studies in STUDY_DIR are an error."));
    /** {@code --max-dir-depth}, {@code --max-nesting}, ...: one per {@link Limit}, in the enum's order. */
    static final List<OptionSpec<Long>> LIMITS = declareLimits();
    static final OptionSpec<String> PLUGINS = declare(repeatable("--plugins", "DIR", ValueType.TEXT,
            "Also discover backends in the jars of DIR (repeatable; also the environment variable "
            + Plugins.ENVIRONMENT_VARIABLE + ")."));
    static final OptionSpec<Boolean> PROGRESS = declare(negatableFlag("--progress",
            "Force the progress bar on standard error on or off (default: on for runs longer than "
            + "about a second when standard error is a terminal)."));
    static final OptionSpec<String> REPORT = declare(value(null, "--report", "FILE", ValueType.TEXT, null,
            "Write the per-file report as JSON (written whenever the folder was scanned, "
            + "also when the run fails)."));
    static final OptionSpec<Boolean> VALIDATE = declare(flag(null, "--validate",
            "Validate the result with the FHIR validator (base R4/R5 profiles); errors make the run "
            + "fail with exit code 6, but the output is still written."));
    static final OptionSpec<Boolean> QUIET = declare(flag("-q", "--quiet",
            "Only errors on standard error: no warnings, no summary."));
    static final OptionSpec<Boolean> VERBOSE = declare(flag("-v", "--verbose",
            "More on standard error: every skipped file, every file warning, each validation finding "
            + "(severity, message id and location, never the validator's text), stack traces of internal "
            + "errors, java.util.logging output of the libraries. Still no patient data."));
    static final OptionSpec<Boolean> LIST_BACKENDS = declare(flag(null, "--list-backends",
            "Print the readers, writers and validators found, and exit."));
    static final OptionSpec<Boolean> HELP = declare(flag("-h", "--help", "Show this help message and exit."));
    static final OptionSpec<Boolean> VERSION = declare(flag("-V", "--version", "Print version information and exit."));

    /** Every option, in the order of the help. Last: after every declaration above. */
    static final List<OptionSpec<?>> ALL = List.copyOf(DECLARED);

    private CliOptions() {
    }

    private static <T> OptionSpec<T> declare(OptionSpec<T> option) {
        DECLARED.add(option.at(DECLARED.size()));
        return option;
    }

    private static List<OptionSpec<Long>> declareLimits() {
        Limit[] limits = Limit.values();
        List<OptionSpec<Long>> options = new ArrayList<>(limits.length);
        for (Limit limit : limits) {
            options.add(declare(OptionSpec.limit(limit)));
        }
        return List.copyOf(options);
    }
}
