package org.dicom2fhir.cli;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.core.IdStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** The command line of {@code dicom2fhir}, as picocli fills it in. Plain fields: parsed once, read by {@link ConversionRun}. */
@Command(name = "dicom2fhir",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = false,
        headerHeading = "",
        synopsisHeading = "Usage: ",
        customSynopsis = "dicom2fhir [OPTIONS] STUDY_DIR",
        descriptionHeading = "%n",
        description = {
            "Converts a folder of DICOM files holding one study into a FHIR ImagingStudy with a contained Patient.",
            "The resource goes to standard output (or --output); warnings, errors and a one-line summary go to "
                    + "standard error. No patient data is ever written to standard error.",
        },
        parameterListHeading = "%n",
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit codes (when several apply, the first in the order 2, 7, 5, 3, 6, 4, 0 wins):%n",
        exitCodeList = {
            "0:success: every file was included or deliberately skipped",
            "1:internal error: a bug in dicom2fhir (the message says how to report it)",
            "2:usage error: unknown option, missing STUDY_DIR, unknown backend or bad option value",
            "3:nothing in STUDY_DIR is DICOM",
            "4:some files that claim to be DICOM failed to read (the resource is still written from the others)",
            "5:several studies in STUDY_DIR and no --split",
            "6:--validate found errors in the result (the result is still written)",
            "7:STUDY_DIR missing or unreadable, or the output cannot be written",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  dicom2fhir samples/ct-chest > study.json",
            "  dicom2fhir --pretty -o study.json /data/study42",
            "  dicom2fhir -w hapi --timezone Europe/Berlin /data/study42",
            "  dicom2fhir --split --report report.json /data/mixed",
        })
final class Options {
    static final int DEFAULT_MAX_DIR_DEPTH = 32;
    static final int DEFAULT_MAX_NESTING = 64;
    static final int DEFAULT_MAX_INFLATED_MIB = 64;

    @Parameters(arity = "0..1", paramLabel = "STUDY_DIR",
            description = "The folder of DICOM files holding one study (sub-folders included).")
    String studyDir;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the result to FILE ('-' = standard output, the default). A regular or new file "
                    + "is written atomically (temporary file, then rename); /dev/null, FIFOs and links are written in place.")
    String output;

    @Option(names = {"-r", "--reader"}, paramLabel = "NAME",
            description = "DICOM reader backend (part10, pixelmed or a plug-in's name). Default: system property "
                    + "dicom2fhir.reader, else the only reader found, else part10.")
    String reader;

    @Option(names = {"-w", "--writer"}, paramLabel = "NAME",
            description = "FHIR model backend (hapi, hapi-r5, ibm or a plug-in's name). Default: system property "
                    + "dicom2fhir.writer, else the only writer found, else hapi.")
    String writer;

    @Option(names = "--format", paramLabel = "json|xml", converter = FormatConverter.class,
            description = "Serialisation: json (default) or xml.")
    OutputFormat format = OutputFormat.JSON;

    @Option(names = "--pretty", description = "Indented output (default: compact).")
    boolean pretty;

    @Option(names = "--timezone", paramLabel = "ZONE", converter = ZoneConverter.class,
            description = "Zone for DICOM date-times without Timezone Offset From UTC (0008,0201): an IANA name "
                    + "(Europe/Berlin), an offset (+01:00) or 'system'. Default: none, such values keep the date only.")
    ZoneId timezone;

    @Option(names = "--id", paramLabel = "uid|random", converter = IdConverter.class,
            description = "ImagingStudy id: derived from the Study Instance UID (uid, default) or random.")
    IdStrategy id = IdStrategy.UID;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "DICOMweb base URL of the archive holding the study, emitted as a contained Endpoint "
                    + "(absolute http(s), no query, no trailing slash or /studies).")
    String endpoint;

    @Option(names = "--split",
            description = "One ImagingStudy per study, written as a FHIR Bundle of type collection (also for one study). "
                    + "Without it, several studies in STUDY_DIR are an error.")
    boolean split;

    @Option(names = "--max-dir-depth", paramLabel = "N", converter = PositiveIntConverter.class,
            description = "Deepest folder level visited below STUDY_DIR (default: " + DEFAULT_MAX_DIR_DEPTH + ").")
    Integer maxDirDepth;

    @Option(names = "--max-nesting", paramLabel = "N", converter = PositiveIntConverter.class,
            description = "Deepest DICOM sequence nesting accepted (default: " + DEFAULT_MAX_NESTING + ").")
    Integer maxNesting;

    @Option(names = "--max-inflated-mib", paramLabel = "N", converter = PositiveIntConverter.class,
            description = "Most MiB a deflated data set may inflate to (default: " + DEFAULT_MAX_INFLATED_MIB + ").")
    Integer maxInflatedMib;

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Also discover backends in the jars of DIR (repeatable; also the environment variable "
                    + Plugins.ENVIRONMENT_VARIABLE + ").")
    List<String> plugins = new ArrayList<>();

    @Option(names = "--progress", negatable = true,
            description = "Force the progress bar on standard error on or off (default: on for runs longer than "
                    + "about a second when standard error is a terminal).")
    Boolean progress;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Write the per-file report as JSON (written whenever the folder was scanned, "
                    + "also when the run fails).")
    String report;

    @Option(names = "--validate",
            description = "Validate the result with the FHIR validator (base R4/R5 profiles); errors make the run "
                    + "fail with exit code 6, but the output is still written.")
    boolean validate;

    @Option(names = {"-q", "--quiet"}, description = "Only errors on standard error: no warnings, no summary.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"},
            description = "More on standard error: every skipped file, every file warning, the validator's messages "
                    + "(redacted), stack traces of internal errors, java.util.logging output of the libraries. "
                    + "Still no patient data.")
    boolean verbose;

    @Option(names = "--list-backends", description = "Print the readers, writers and validators found, and exit.")
    boolean listBackends;

    /** Lower-case values in help, any case accepted. */
    static final class FormatConverter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "json" -> OutputFormat.JSON;
                case "xml" -> OutputFormat.XML;
                default -> throw new TypeConversionException("'" + value + "' is not a format: use json or xml");
            };
        }
    }

    static final class IdConverter implements ITypeConverter<IdStrategy> {
        @Override
        public IdStrategy convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "uid" -> IdStrategy.UID;
                case "random" -> IdStrategy.RANDOM;
                default -> throw new TypeConversionException("'" + value + "' is not an id strategy: use uid or random");
            };
        }
    }

    static final class ZoneConverter implements ITypeConverter<ZoneId> {
        @Override
        public ZoneId convert(String value) {
            if (value.equalsIgnoreCase("system")) {
                return ZoneId.systemDefault();
            }
            try {
                if (value.startsWith("+") || value.startsWith("-")) {
                    return ZoneOffset.of(value);
                }
                return ZoneId.of(value);
            } catch (DateTimeException e) {
                throw new TypeConversionException("'" + value + "' is not a time zone: use an IANA name such as "
                        + "Europe/Berlin, an offset such as +01:00, or 'system'");
            }
        }
    }

    static final class PositiveIntConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int n = Integer.parseInt(value.strip());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw new TypeConversionException("'" + value + "' is not a positive whole number");
        }
    }
}
