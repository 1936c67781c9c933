package org.dicom2fhir.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.cli.CommandLineParser.UsageException;
import org.dicom2fhir.core.IdStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hand-written command-line parser: every syntax form, every error, and the help it drives. */
class CommandLineParserTest {
    /** Stands for a folder named after a patient: must never appear in a message. */
    private static final String PATIENT_FOLDER = "/data/Zebulonova^Quirina";

    private static Options parse(String... args) throws UsageException {
        return CommandLineParser.parse(args);
    }

    private static String error(String... args) {
        try {
            CommandLineParser.parse(args);
        } catch (UsageException e) {
            return e.getMessage();
        }
        throw new AssertionError("no usage error for " + List.of(args));
    }

    // --- syntax ---------------------------------------------------------------------------------

    @Test
    void nothingGivenLeavesTheDefaults() throws Exception {
        Options o = parse();

        assertThat(o.studyDir).isNull();
        assertThat(o.output).isNull();
        assertThat(o.format).isEqualTo(OutputFormat.JSON);
        assertThat(o.id).isEqualTo(IdStrategy.UID);
        assertThat(o.timezone).isNull();
        assertThat(o.maxDirDepth).isNull();
        assertThat(o.plugins).isEmpty();
        assertThat(o.progress).isNull();
        assertThat(o.pretty || o.split || o.validate || o.quiet || o.verbose || o.listBackends || o.help || o.version)
                .isFalse();
    }

    @Test
    void everyOptionSetsItsField() throws Exception {
        Options o = parse("-o", "out.json", "-r", "part10", "-w", "ibm", "--format", "xml", "--pretty",
                "--timezone", "Europe/Berlin", "--id", "random", "--endpoint", "https://pacs.example.org/dicomweb",
                "--split", "--max-dir-depth", "3", "--max-nesting", "4", "--max-inflated-mib", "5", "--plugins", "p1",
                "--progress", "--report", "report.json", "--validate", "-q", "--list-backends", "study");

        assertThat(o.output).isEqualTo("out.json");
        assertThat(o.reader).isEqualTo("part10");
        assertThat(o.writer).isEqualTo("ibm");
        assertThat(o.format).isEqualTo(OutputFormat.XML);
        assertThat(o.pretty).isTrue();
        assertThat(o.timezone).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(o.id).isEqualTo(IdStrategy.RANDOM);
        assertThat(o.endpoint).isEqualTo("https://pacs.example.org/dicomweb");
        assertThat(o.split).isTrue();
        assertThat(o.maxDirDepth).isEqualTo(3);
        assertThat(o.maxNesting).isEqualTo(4);
        assertThat(o.maxInflatedMib).isEqualTo(5);
        assertThat(o.plugins).containsExactly("p1");
        assertThat(o.progress).isTrue();
        assertThat(o.report).isEqualTo("report.json");
        assertThat(o.validate).isTrue();
        assertThat(o.quiet).isTrue();
        assertThat(o.verbose).isFalse();
        assertThat(o.listBackends).isTrue();
        assertThat(o.studyDir).isEqualTo("study");
        assertThat(parse("--verbose").verbose).isTrue();
        assertThat(parse("--help").help).isTrue();
        assertThat(parse("--version").version).isTrue();
    }

    @Test
    void longOptionValueSeparateOrAttached() throws Exception {
        assertThat(parse("--output", "a.json").output).isEqualTo("a.json");
        assertThat(parse("--output=a.json").output).isEqualTo("a.json");
        assertThat(parse("--output=a=b.json").output).isEqualTo("a=b.json");
        assertThat(parse("--output=").output).isEmpty();
        assertThat(parse("--format=XML").format).isEqualTo(OutputFormat.XML);
    }

    @Test
    void shortOptionValueSeparateAttachedOrAfterEquals() throws Exception {
        assertThat(parse("-o", "a.json").output).isEqualTo("a.json");
        assertThat(parse("-oa.json").output).isEqualTo("a.json");
        assertThat(parse("-o=a.json").output).isEqualTo("a.json");
        assertThat(parse("-o==a.json").output).isEqualTo("=a.json");
        assertThat(parse("-w", "hapi").writer).isEqualTo("hapi");
        assertThat(parse("-rpart10").reader).isEqualTo("part10");
    }

    @Test
    void clusteredShortFlags() throws Exception {
        Options qv = parse("-qv");
        assertThat(qv.quiet).isTrue();
        assertThat(qv.verbose).isTrue();

        Options vq = parse("-vq", "study");
        assertThat(vq.quiet && vq.verbose).isTrue();
        assertThat(vq.studyDir).isEqualTo("study");
    }

    @Test
    void clusterMayEndInAValueOption() throws Exception {
        Options separate = parse("-qo", "a.json", "study");
        assertThat(separate.quiet).isTrue();
        assertThat(separate.output).isEqualTo("a.json");
        assertThat(separate.studyDir).isEqualTo("study");

        Options attached = parse("-qoa.json", "study");
        assertThat(attached.quiet).isTrue();
        assertThat(attached.output).isEqualTo("a.json");

        Options helpThenValue = parse("-ho", "x");
        assertThat(helpThenValue.help).isTrue();
        assertThat(helpThenValue.output).isEqualTo("x");
    }

    @Test
    void doubleDashEndsTheOptions() throws Exception {
        Options o = parse("--pretty", "--", "--split");

        assertThat(o.pretty).isTrue();
        assertThat(o.split).isFalse();
        assertThat(o.studyDir).isEqualTo("--split");
        assertThat(parse("--", "-").studyDir).isEqualTo("-");
        assertThat(parse("--", "--").studyDir).isEqualTo("--");
        assertThat(parse("--").studyDir).isNull();
    }

    @Test
    void loneDashIsAValueOrTheStudyDir() throws Exception {
        assertThat(parse("-o", "-", "study").output).isEqualTo("-");
        assertThat(parse("-o", "-", "study").studyDir).isEqualTo("study");
        assertThat(parse("-").studyDir).isEqualTo("-");
        assertThat(parse("--report", "-").report).isEqualTo("-");
    }

    @Test
    void optionsMayFollowTheStudyDir() throws Exception {
        Options o = parse("study", "--pretty", "-o", "x.json");

        assertThat(o.studyDir).isEqualTo("study");
        assertThat(o.pretty).isTrue();
        assertThat(o.output).isEqualTo("x.json");
    }

    @Test
    void emptyArgumentIsAStudyDir() throws Exception {
        assertThat(parse("").studyDir).isEmpty();
    }

    @Test
    void aValueMayStartWithADashWhenItIsNoOptionName() throws Exception {
        assertThat(parse("--timezone", "-05:00").timezone).isEqualTo(ZoneOffset.ofHours(-5));
        assertThat(parse("--timezone=-05:00").timezone).isEqualTo(ZoneOffset.ofHours(-5));
        assertThat(parse("-o", "--not-an-option").output).isEqualTo("--not-an-option");
        assertThat(parse("-o", "-xq").output).isEqualTo("-xq");
        assertThat(parse("-r", "-x").reader).isEqualTo("-x");
    }

    @Test
    void pluginsAreRepeatableAndKeepTheirOrder() throws Exception {
        assertThat(parse("--plugins", "a", "--plugins=b", "--plugins", "c").plugins).containsExactly("a", "b", "c");
    }

    @Test
    void progressIsNegatable() throws Exception {
        assertThat(parse("--progress").progress).isTrue();
        assertThat(parse("--no-progress").progress).isFalse();
        assertThat(parse("--progress=false").progress).isFalse();
        assertThat(parse("--no-progress=true").progress).isFalse();
        assertThat(parse("--no-progress=false").progress).isTrue();
    }

    @Test
    void flagsTakeAnOptionalAttachedBoolean() throws Exception {
        assertThat(parse("--pretty=true").pretty).isTrue();
        assertThat(parse("--pretty=FALSE").pretty).isFalse();
        assertThat(parse("--pretty=").pretty).isFalse();
        assertThat(parse("-q=true").quiet).isTrue();
        Options o = parse("-vq=false");
        assertThat(o.verbose).isTrue();
        assertThat(o.quiet).isFalse();
    }

    @Test
    void valuesAreConverted() throws Exception {
        assertThat(parse("--id", "RANDOM").id).isEqualTo(IdStrategy.RANDOM);
        assertThat(parse("--id", "uid").id).isEqualTo(IdStrategy.UID);
        assertThat(parse("--format", "Json").format).isEqualTo(OutputFormat.JSON);
        assertThat(parse("--timezone", "system").timezone).isEqualTo(ZoneId.systemDefault());
        assertThat(parse("--timezone", "+01:00").timezone).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(parse("--max-dir-depth", " 007 ").maxDirDepth).isEqualTo(7);
    }

    // --- errors ---------------------------------------------------------------------------------

    @Test
    void unknownOptionsAreNamedWithoutTheirValues() {
        assertThat(error("--foo", "study")).isEqualTo("Unknown option: '--foo'");
        assertThat(error("--foo=Zebulonova", "study")).isEqualTo("Unknown option: '--foo'");
        assertThat(error("-x", "study")).isEqualTo("Unknown option: '-x'");
        assertThat(error("-qx")).isEqualTo("Unknown option: '-x'");
        assertThat(error("-xZebulonova")).isEqualTo("Unknown option: '-x'");
        assertThat(error("--foo", "--bar")).isEqualTo("Unknown options: '--foo', '--bar'");
        assertThat(error("--PRETTY")).isEqualTo("Unknown option: '--PRETTY'");
        assertThat(error("--pre")).as("no abbreviations").isEqualTo("Unknown option: '--pre'");
        assertThat(error("--no-pretty")).as("only --progress is negatable").isEqualTo("Unknown option: '--no-pretty'");
        assertThat(error("-5")).isEqualTo("Unknown option: '-5'");
    }

    @Test
    void unknownOptionsNeverRepeatPositionalArguments() {
        String message = error(PATIENT_FOLDER, "--foo", PATIENT_FOLDER + "2");

        assertThat(message).isEqualTo("Unknown option: '--foo'").doesNotContain("Zebulonova");
    }

    @Test
    void missingValueNamesTheOption() {
        assertThat(error("--output")).isEqualTo("Missing required parameter for option '--output' (FILE)");
        assertThat(error("study", "-o")).isEqualTo("Missing required parameter for option '--output' (FILE)");
        assertThat(error("-qo")).isEqualTo("Missing required parameter for option '--output' (FILE)");
        assertThat(error("--format")).isEqualTo("Missing required parameter for option '--format' (json|xml)");
        assertThat(error("--plugins")).isEqualTo("Missing required parameter for option '--plugins' (DIR)");
    }

    @Test
    void anOptionNameIsNotTakenAsAValue() {
        assertThat(error("-o", "--pretty", "study")).isEqualTo("Expected parameter for option '--output' but found '--pretty'");
        assertThat(error("-o", "--", "study")).isEqualTo("Expected parameter for option '--output' but found '--'");
        assertThat(error("-o", "-qv")).isEqualTo("Expected parameter for option '--output' but found '-q'");
        assertThat(error("--endpoint", "--no-progress")).isEqualTo("Expected parameter for option '--endpoint' but found '--no-progress'");
        assertThat(error("-o", "--report=" + PATIENT_FOLDER)).isEqualTo("Expected parameter for option '--output' but found '--report'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--format|yaml|Invalid value for option '--format': 'yaml' is not a format: use json or xml",
        "--id|sequential|Invalid value for option '--id': 'sequential' is not an id strategy: use uid or random",
        "--timezone|Mars/Olympus|Invalid value for option '--timezone': 'Mars/Olympus' is not a time zone: use an IANA name such as Europe/Berlin, an offset such as +01:00, or 'system'",
        "--timezone|+25:00|Invalid value for option '--timezone': '+25:00' is not a time zone: use an IANA name such as Europe/Berlin, an offset such as +01:00, or 'system'",
        "--max-dir-depth|0|Invalid value for option '--max-dir-depth': '0' is not a positive whole number",
        "--max-nesting|many|Invalid value for option '--max-nesting': 'many' is not a positive whole number",
        "--max-inflated-mib|-5|Invalid value for option '--max-inflated-mib': '-5' is not a positive whole number",
        "--max-inflated-mib|99999999999|Invalid value for option '--max-inflated-mib': '99999999999' is not a positive whole number",
        "--pretty=yes||Invalid value for option '--pretty': 'yes' is not a boolean",
    })
    void badValuesAreNamed(String option, String value, String message) {
        String[] args = value == null ? new String[] {option, "study"} : new String[] {option, value, "study"};

        assertThat(error(args)).isEqualTo(message);
    }

    @Test
    void singleValuedOptionsMayBeGivenOnlyOnce() {
        assertThat(error("-o", "a", "--output=b", "study")).isEqualTo("option '--output' (FILE) should be specified only once");
        assertThat(error("-r", "x", "--reader", "x")).isEqualTo("option '--reader' (NAME) should be specified only once");
        assertThat(error("--pretty", "--pretty")).isEqualTo("option '--pretty' should be specified only once");
        assertThat(error("-qq")).isEqualTo("option '--quiet' should be specified only once");
        assertThat(error("--progress", "--no-progress")).isEqualTo("option '--progress' should be specified only once");
        assertThat(error("--no-progress", "--no-progress")).isEqualTo("option '--progress' should be specified only once");
        assertThat(error("-h", "--help")).isEqualTo("option '--help' should be specified only once");
        assertThat(error("--split=true", "--split")).isEqualTo("option '--split' should be specified only once");
    }

    @Test
    void extraStudyDirsAreCountedNeverRepeated() {
        assertThat(error(PATIENT_FOLDER, PATIENT_FOLDER + "2")).isEqualTo("give exactly one STUDY_DIR (1 more argument was given)");
        assertThat(error("a", "b", "c")).isEqualTo("give exactly one STUDY_DIR (2 more arguments were given)");
        assertThat(error("--pretty", "--", "a", "--split")).isEqualTo("give exactly one STUDY_DIR (1 more argument was given)");
        assertThat(error("a", "--", "b")).isEqualTo("give exactly one STUDY_DIR (1 more argument was given)");
    }

    @Test
    void immediateErrorsComeFirstInArgumentOrder() {
        assertThat(error("--foo", "--format", "yaml")).startsWith("Invalid value for option '--format'");
        assertThat(error("a", "b", "--pretty", "--pretty")).isEqualTo("option '--pretty' should be specified only once");
        assertThat(error("--format", "yaml", "-o")).startsWith("Invalid value for option '--format'");
    }

    @Test
    void helpAndVersionSilenceUnknownOptionsAndExtraArguments() throws Exception {
        assertThat(parse("--help", "--foo").help).isTrue();
        assertThat(parse("--foo", "--help").help).isTrue();
        assertThat(parse("-hx").help).isTrue();
        assertThat(parse("--help", "a", "b").help).isTrue();
        assertThat(parse("-V", "--foo", "a", "b").version).isTrue();
        Options both = parse("-hV");
        assertThat(both.help && both.version).isTrue();
    }

    @Test
    void helpDoesNotSilenceBadOrMissingValues() {
        assertThat(error("--help", "--format", "yaml")).startsWith("Invalid value for option '--format'");
        assertThat(error("--help", "-o")).startsWith("Missing required parameter for option '--output'");
        assertThat(error("-V", "-V")).isEqualTo("option '--version' should be specified only once");
    }

    // --- the table and the help -----------------------------------------------------------------

    /** A value each option accepts. */
    private static String sampleValue(OptionSpec spec) {
        return switch (spec.label()) {
            case "ZONE" -> "UTC";
            case "N" -> "3";
            default -> spec.label().contains("|") ? spec.label().substring(0, spec.label().indexOf('|')) : "x";
        };
    }

    private static List<String> occurrence(String name, OptionSpec spec) {
        return spec.takesValue() ? List.of(name, sampleValue(spec)) : List.of(name);
    }

    @Test
    void theParserKnowsEveryNameOfTheTable() throws Exception {
        for (OptionSpec spec : CommandLineParser.OPTIONS) {
            List<String> names = new ArrayList<>(List.of(spec.longName()));
            if (spec.shortName() != null) {
                names.add(spec.shortName());
            }
            if (spec.negatable()) {
                names.add("--no-" + spec.longName().substring(2));
            }
            for (String name : names) {
                List<String> once = occurrence(name, spec);
                parse(once.toArray(String[]::new));
                List<String> twice = new ArrayList<>(once);
                twice.addAll(once);
                if (spec.repeatable()) {
                    parse(twice.toArray(String[]::new));
                } else {
                    assertThat(error(twice.toArray(String[]::new))).as(name)
                            .isEqualTo("option " + spec.nameInMessages() + " should be specified only once");
                }
            }
        }
    }

    @Test
    void namesAreUnique() {
        List<String> names = new ArrayList<>();
        for (OptionSpec spec : CommandLineParser.OPTIONS) {
            names.add(spec.longName());
            if (spec.shortName() != null) {
                names.add(spec.shortName());
            }
        }
        assertThat(names).doesNotHaveDuplicates();
    }

    @Test
    void helpListsEveryOptionInTableOrder() {
        String help = String.join("\n", HelpText.lines());
        int previous = help.indexOf("Options:");
        assertThat(previous).isPositive();
        for (OptionSpec spec : CommandLineParser.OPTIONS) {
            String names = (spec.shortName() == null ? "      " : "  " + spec.shortName() + ", ")
                    + spec.longNameInHelp() + (spec.takesValue() ? "=" + spec.label() : "");
            int at = help.indexOf("\n" + names + " ");
            assertThat(at).as(names).isGreaterThan(previous);
            // the description's first words follow on the same line
            String firstWords = spec.description().substring(0, spec.description().indexOf(' '));
            assertThat(help.substring(at + 1, help.indexOf('\n', at + 1))).as(names).contains(firstWords);
            previous = at;
        }
        assertThat(help.indexOf("Exit codes")).isGreaterThan(previous);
    }

    @Test
    void helpKeepsPicocliLayout() {
        List<String> lines = HelpText.lines();

        assertThat(lines.subList(0, 4)).containsExactly(
                "Usage: dicom2fhir [OPTIONS] STUDY_DIR",
                "",
                "Converts a folder of DICOM files holding one study into a FHIR ImagingStudy",
                "with a contained Patient.");
        assertThat(lines).containsSubsequence(
                "      [STUDY_DIR]            The folder of DICOM files holding one study",
                "                               (sub-folders included).",
                "",
                "Options:",
                "  -o, --output=FILE          Write the result to FILE ('-' = standard output,",
                "                               the default). A regular or new file is written");
        assertThat(lines).contains(
                "      --[no-]progress        Force the progress bar on standard error on or off",
                "      --max-inflated-mib=N   Most MiB a deflated data set may inflate to",
                "  -V, --version              Print version information and exit.",
                "Exit codes (when several apply, the first in the order 2, 7, 5, 3, 6, 4, 0",
                "wins):",
                "  0   success: every file was included or deliberately skipped",
                "  2   usage error: unknown option, missing STUDY_DIR, unknown backend or bad",
                "        option value");
        assertThat(lines.subList(lines.size() - 5, lines.size())).containsExactly(
                "Examples:",
                "  dicom2fhir samples/ct-chest > study.json",
                "  dicom2fhir --pretty -o study.json /data/study42",
                "  dicom2fhir -w hapi --timezone Europe/Berlin /data/study42",
                "  dicom2fhir --split --report report.json /data/mixed");
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(HelpText.WIDTH));
        assertThat(lines).noneMatch(line -> line.endsWith(" "));
    }

    @Test
    void wrappingKeepsEveryWordAndBreaksOnlyAtSpaces() {
        String text = "a".repeat(90) + " bb ccc " + "d ".repeat(60) + "end";

        List<String> lines = HelpText.wrap(text, "    ", "      ");

        assertThat(lines.get(0)).isEqualTo("    " + "a".repeat(90));
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line).startsWith("      ")
                .hasSizeLessThanOrEqualTo(HelpText.WIDTH));
        assertThat(String.join(" ", lines).trim().split(" +")).containsExactly(text.split(" "));
    }

    @Test
    void inconsistentDescriptorsAreRejected() {
        assertThatThrownBy(() -> new OptionSpec("x", "--x", null, false, false, "d"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OptionSpec(null, "-x", null, false, false, "d"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OptionSpec(null, "--x", "V", true, false, "d"))
                .as("a negatable value option").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OptionSpec(null, "--x", null, false, true, "d"))
                .as("a repeatable flag").isInstanceOf(IllegalArgumentException.class);
    }

    // --- through Main: streams and exit codes ----------------------------------------------------

    @Test
    void usageErrorsGoToStandardErrorAsSentences() {
        CliRun run = CliRun.of("--format", "yaml", PATIENT_FOLDER);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stdoutBytes()).isEmpty();
        assertThat(run.stderr()).isEqualTo("dicom2fhir: Invalid value for option '--format': 'yaml' is not a format: "
                + "use json or xml." + System.lineSeparator() + "Try 'dicom2fhir --help' for the options." + System.lineSeparator());
    }

    @Test
    void extraStudyDirsThroughMain() {
        CliRun run = CliRun.of(PATIENT_FOLDER, PATIENT_FOLDER + "2");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).startsWith("dicom2fhir: give exactly one STUDY_DIR (1 more argument was given).")
                .doesNotContain("Zebulonova");
    }

    @Test
    void helpPrintsTheRenderedTextOnStandardOutput() {
        CliRun run = CliRun.of("-h", "--foo", PATIENT_FOLDER, "extra");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).isEmpty();
        assertThat(run.stdout()).isEqualTo(String.join(System.lineSeparator(), HelpText.lines()) + System.lineSeparator());
    }

    @Test
    void helpWinsOverVersion() {
        assertThat(CliRun.of("-Vh").stdout()).startsWith("Usage: dicom2fhir");
    }

    @Test
    void versionPrintsTwoLines() {
        CliRun run = CliRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).isEmpty();
        assertThat(run.stdout().split(System.lineSeparator())).hasSize(2);
        assertThat(run.stdout()).startsWith("dicom2fhir ").contains(System.lineSeparator() + "Java "
                + System.getProperty("java.version") + " (");
    }
}
