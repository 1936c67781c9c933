package org.dicom2fhir.cli;

import static org.dicom2fhir.cli.OptionSpec.flag;
import static org.dicom2fhir.cli.OptionSpec.negatableFlag;
import static org.dicom2fhir.cli.OptionSpec.repeatableValue;
import static org.dicom2fhir.cli.OptionSpec.value;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.core.IdStrategy;
import org.dicom2fhir.cli.OptionSpec.InvalidValueException;

/**
 * Reads the command line of cli.md into {@link Options}. Hand-written instead of a library: a library's
 * start-up (reflection, converters, help machinery) cost about a tenth of a one-shot run.
 *
 * <p>Syntax, as picocli accepted it: {@code --name value}, {@code --name=value}, {@code -o value},
 * {@code -ovalue}, {@code -o=value}, clustered flags ({@code -qv}, also ending in a value option:
 * {@code -qo FILE}), {@code --} ends the options, a lone {@code -} is a value, flags take an optional
 * attached {@code =true}/{@code =false}. A separate argument is taken as an option's value unless it is
 * {@code --} or starts with a known option's name, so {@code --timezone -05:00} works.
 *
 * <p>Errors, as picocli ordered them: a missing or bad value and an option given twice stop the parse at
 * once; unknown options and extra STUDY_DIRs are reported at the end, and not at all when help or the
 * version was asked for. Messages never repeat a positional argument (folder paths may carry a patient's
 * name) and name unknown options without their attached values.
 */
final class CommandLineParser {

    /** Every option, in the order of the help. */
    static final List<OptionSpec> OPTIONS = List.of(
            value("-o", "--output", "FILE",
                    "Write the result to FILE ('-' = standard output, the default). A regular or new file "
                    + "is written atomically (temporary file, then rename); /dev/null, FIFOs and links are written in place."),
            value("-r", "--reader", "NAME",
                    "DICOM reader backend (part10, pixelmed or a plug-in's name). Default: system property "
                    + "dicom2fhir.reader, else the only reader found, else part10."),
            value("-w", "--writer", "NAME",
                    "FHIR model backend (hapi, hapi-r5, ibm or a plug-in's name). Default: system property "
                    + "dicom2fhir.writer, else the only writer found, else hapi."),
            value(null, "--format", "json|xml", "Serialisation: json (default) or xml."),
            flag(null, "--pretty", "Indented output (default: compact)."),
            value(null, "--timezone", "ZONE",
                    "Zone for DICOM date-times without Timezone Offset From UTC (0008,0201): an IANA name "
                    + "(Europe/Berlin), an offset (+01:00) or 'system'. Default: none, such values keep the date only."),
            value(null, "--id", "uid|random",
                    "ImagingStudy id: derived from the Study Instance UID (uid, default) or random."),
            value(null, "--endpoint", "URL",
                    "DICOMweb base URL of the archive holding the study, emitted as a contained Endpoint "
                    + "(absolute http(s), no query, no trailing slash or /studies)."),
            flag(null, "--split",
                    "One ImagingStudy per study, written as a FHIR Bundle of type collection (also for one study). "
                    + "Without it, several studies in STUDY_DIR are an error."),
            value(null, "--max-dir-depth", "N",
                    "Deepest folder level visited below STUDY_DIR (default: " + Options.DEFAULT_MAX_DIR_DEPTH + ")."),
            value(null, "--max-nesting", "N",
                    "Deepest DICOM sequence nesting accepted (default: " + Options.DEFAULT_MAX_NESTING + ")."),
            value(null, "--max-inflated-mib", "N",
                    "Most MiB a deflated data set may inflate to (default: " + Options.DEFAULT_MAX_INFLATED_MIB + ")."),
            repeatableValue("--plugins", "DIR",
                    "Also discover backends in the jars of DIR (repeatable; also the environment variable "
                    + Plugins.ENVIRONMENT_VARIABLE + ")."),
            negatableFlag("--progress",
                    "Force the progress bar on standard error on or off (default: on for runs longer than "
                    + "about a second when standard error is a terminal)."),
            value(null, "--report", "FILE",
                    "Write the per-file report as JSON (written whenever the folder was scanned, "
                    + "also when the run fails)."),
            flag(null, "--validate",
                    "Validate the result with the FHIR validator (base R4/R5 profiles); errors make the run "
                    + "fail with exit code 6, but the output is still written."),
            flag("-q", "--quiet", "Only errors on standard error: no warnings, no summary."),
            flag("-v", "--verbose",
                    "More on standard error: every skipped file, every file warning, the validator's messages "
                    + "(redacted), stack traces of internal errors, java.util.logging output of the libraries. "
                    + "Still no patient data."),
            flag(null, "--list-backends", "Print the readers, writers and validators found, and exit."),
            flag("-h", "--help", "Show this help message and exit."),
            flag("-V", "--version", "Print version information and exit."));

    private static final String NO = "--no-";

    private final Options options = new Options();
    // by identity: a record's equals and hashCode are linked at their first call, a cost every run would pay
    private final Set<OptionSpec> given = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<String> unknownOptions = new ArrayList<>();
    private int extraPositionals;

    private CommandLineParser() {
    }

    /**
     * The options of {@code args}.
     *
     * @throws UsageException with a clause for "dicom2fhir: ...", when the command line is not valid
     */
    static Options parse(String... args) throws UsageException {
        CommandLineParser parser = new CommandLineParser();
        parser.read(List.of(args));
        return parser.finish();
    }

    private void read(List<String> args) throws UsageException {
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || arg.length() < 2 || arg.charAt(0) != '-') {
                positional(arg);
            } else if (arg.equals("--")) {
                optionsEnded = true;
            } else if (arg.startsWith("--")) {
                i = longOption(arg, args, i);
            } else {
                i = shortOptions(arg, args, i);
            }
        }
    }

    private Options finish() throws UsageException {
        if (options.help || options.version) {
            return options;
        }
        if (!unknownOptions.isEmpty()) {
            throw new UsageException((unknownOptions.size() == 1 ? "Unknown option: " : "Unknown options: ")
                    + String.join(", ", unknownOptions));
        }
        if (extraPositionals > 0) {
            throw new UsageException("give exactly one STUDY_DIR (" + extraPositionals + " more argument"
                    + (extraPositionals == 1 ? " was" : "s were") + " given)");
        }
        return options;
    }

    private void positional(String arg) {
        if (options.studyDir == null && extraPositionals == 0) {
            options.studyDir = arg;
        } else {
            extraPositionals++;
        }
    }

    /** {@code --name}, {@code --name=value}, {@code --no-name}; returns the index of the last argument used. */
    private int longOption(String arg, List<String> args, int i) throws UsageException {
        int equals = arg.indexOf('=');
        String name = equals < 0 ? arg : arg.substring(0, equals);
        String attached = equals < 0 ? null : arg.substring(equals + 1);
        OptionSpec spec = byLongName(name);
        if (spec != null) {
            return apply(spec, false, attached, args, i);
        }
        OptionSpec negated = negatedByLongName(name);
        if (negated != null) {
            return apply(negated, true, attached, args, i);
        }
        unknownOptions.add("'" + name + "'");
        return i;
    }

    /** {@code -q}, {@code -qv}, {@code -ofile}, {@code -o=file}, {@code -qo file}; returns the index of the last argument used. */
    private int shortOptions(String arg, List<String> args, int i) throws UsageException {
        for (int at = 1; at < arg.length(); at++) {
            OptionSpec spec = byShortName(arg.charAt(at));
            if (spec == null) {
                unknownOptions.add("'-" + arg.charAt(at) + "'");
                return i;
            }
            String rest = arg.substring(at + 1);
            if (spec.takesValue()) {
                String attached = rest.isEmpty() ? null : rest.startsWith("=") ? rest.substring(1) : rest;
                return apply(spec, false, attached, args, i);
            }
            if (rest.startsWith("=")) {
                return apply(spec, false, rest.substring(1), args, i);
            }
            apply(spec, false, null, args, i);
        }
        return i;
    }

    /**
     * Applies one occurrence of an option; its value is {@code attached}, else (for a value option) the
     * next argument. Returns the index of the last argument used.
     */
    private int apply(OptionSpec spec, boolean negated, String attached, List<String> args, int i) throws UsageException {
        if (!spec.repeatable() && !given.add(spec)) {
            throw new UsageException("option " + spec.nameInMessages() + " should be specified only once");
        }
        if (!spec.takesValue()) {
            boolean on = attached == null || flagValue(spec, attached);
            setFlag(spec, on != negated);
            return i;
        }
        int last = i;
        String value = attached;
        if (value == null) {
            if (i + 1 >= args.size()) {
                throw new UsageException("Missing required parameter for option " + spec.nameInMessages());
            }
            String next = args.get(i + 1);
            if (isOptionName(next)) {
                throw new UsageException("Expected parameter for option '" + spec.longName() + "' but found '"
                        + optionNameOf(next) + "'");
            }
            value = next;
            last = i + 1;
        }
        try {
            setValue(spec, value);
        } catch (InvalidValueException e) {
            throw new UsageException("Invalid value for option '" + spec.longName() + "': " + e.getMessage());
        }
        return last;
    }

    /**
     * What a flag does. A switch rather than a lambda per option: linking two dozen lambdas cost a
     * one-shot run about 20 ms. Every option of {@link #OPTIONS} has its case (a test parses each one).
     */
    private void setFlag(OptionSpec spec, boolean on) {
        switch (spec.longName()) {
            case "--pretty" -> options.pretty = on;
            case "--split" -> options.split = on;
            case "--progress" -> options.progress = on;
            case "--validate" -> options.validate = on;
            case "--quiet" -> options.quiet = on;
            case "--verbose" -> options.verbose = on;
            case "--list-backends" -> options.listBackends = on;
            case "--help" -> options.help = on;
            case "--version" -> options.version = on;
            default -> throw new IllegalStateException("no action for the flag " + spec.longName());
        }
    }

    /** What a value does; see {@link #setFlag}. */
    private void setValue(OptionSpec spec, String value) throws InvalidValueException {
        switch (spec.longName()) {
            case "--output" -> options.output = value;
            case "--reader" -> options.reader = value;
            case "--writer" -> options.writer = value;
            case "--format" -> options.format = format(value);
            case "--timezone" -> options.timezone = zone(value);
            case "--id" -> options.id = idStrategy(value);
            case "--endpoint" -> options.endpoint = value;
            case "--max-dir-depth" -> options.maxDirDepth = positiveInt(value);
            case "--max-nesting" -> options.maxNesting = positiveInt(value);
            case "--max-inflated-mib" -> options.maxInflatedMib = positiveInt(value);
            case "--plugins" -> options.plugins.add(value);
            case "--report" -> options.report = value;
            default -> throw new IllegalStateException("no action for the option " + spec.longName());
        }
    }

    /** picocli's rule for {@code --flag=value}: true, false, or empty for false. */
    private static boolean flagValue(OptionSpec spec, String value) throws UsageException {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.isEmpty() || value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new UsageException("Invalid value for option '" + spec.longName() + "': '" + value + "' is not a boolean");
    }

    /** Whether an argument is {@code --} or starts with a known option's name: then it is not taken as a value. */
    private static boolean isOptionName(String arg) {
        if (arg.equals("--")) {
            return true;
        }
        if (arg.length() < 2 || arg.charAt(0) != '-') {
            return false;
        }
        if (arg.startsWith("--")) {
            String name = optionNameOf(arg);
            return byLongName(name) != null || negatedByLongName(name) != null;
        }
        return byShortName(arg.charAt(1)) != null;
    }

    /** The option name an argument starts with, without any attached value. */
    private static String optionNameOf(String arg) {
        if (arg.startsWith("--")) {
            int equals = arg.indexOf('=');
            return equals < 0 ? arg : arg.substring(0, equals);
        }
        return arg.substring(0, Math.min(2, arg.length()));
    }

    private static OptionSpec byLongName(String name) {
        for (OptionSpec spec : OPTIONS) {
            if (spec.longName().equals(name)) {
                return spec;
            }
        }
        return null;
    }

    private static OptionSpec negatedByLongName(String name) {
        if (!name.startsWith(NO)) {
            return null;
        }
        OptionSpec spec = byLongName("--".concat(name.substring(NO.length())));
        return spec != null && spec.negatable() ? spec : null;
    }

    private static OptionSpec byShortName(char name) {
        for (OptionSpec spec : OPTIONS) {
            if (spec.shortName() != null && spec.shortName().charAt(1) == name) {
                return spec;
            }
        }
        return null;
    }

    /** Lower-case values in help, any case accepted. */
    static OutputFormat format(String value) throws InvalidValueException {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "json" -> OutputFormat.JSON;
            case "xml" -> OutputFormat.XML;
            default -> throw new InvalidValueException("'" + value + "' is not a format: use json or xml");
        };
    }

    static IdStrategy idStrategy(String value) throws InvalidValueException {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "uid" -> IdStrategy.UID;
            case "random" -> IdStrategy.RANDOM;
            default -> throw new InvalidValueException("'" + value + "' is not an id strategy: use uid or random");
        };
    }

    static ZoneId zone(String value) throws InvalidValueException {
        if (value.equalsIgnoreCase("system")) {
            return ZoneId.systemDefault();
        }
        try {
            if (value.startsWith("+") || value.startsWith("-")) {
                return ZoneOffset.of(value);
            }
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new InvalidValueException("'" + value + "' is not a time zone: use an IANA name such as "
                    + "Europe/Berlin, an offset such as +01:00, or 'system'");
        }
    }

    static int positiveInt(String value) throws InvalidValueException {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidValueException("'" + value + "' is not a positive whole number");
    }

    /** The command line is not valid; the message is a clause for "dicom2fhir: ...". */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message, null, false, false);
        }
    }
}
