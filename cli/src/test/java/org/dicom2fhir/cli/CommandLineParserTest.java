package org.dicom2fhir.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.Limits;
import org.dicom2fhir.api.spi.OutputFormat;
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

        assertThat(o.studyDir()).isNull();
        assertThat(o.get(CliOptions.OUTPUT)).isNull();
        assertThat(o.get(CliOptions.FORMAT)).isEqualTo(OutputFormat.JSON);
        assertThat(o.get(CliOptions.ID)).isEqualTo(IdStrategy.UID);
        assertThat(o.get(CliOptions.TIMEZONE)).isNull();
        assertThat(o.limits()).isEqualTo(Limits.defaults());
        assertThat(o.all(CliOptions.PLUGINS)).isEmpty();
        assertThat(o.get(CliOptions.PROGRESS)).isNull();
        assertThat(o.on(CliOptions.PRETTY) || o.on(CliOptions.SPLIT) || o.on(CliOptions.VALIDATE) || o.on(CliOptions.QUIET) || o.on(CliOptions.VERBOSE) || o.on(CliOptions.LIST_BACKENDS) || o.on(CliOptions.HELP) || o.on(CliOptions.VERSION))
                .isFalse();
    }

    @Test
    void everyOptionSetsItsField() throws Exception {
        Options o = parse("-o", "out.json", "-r", "part10", "-w", "ibm", "--format", "xml", "--pretty",
                "--timezone", "Europe/Berlin", "--id", "random", "--endpoint", "https://pacs.example.org/dicomweb",
                "--split", "--issuer-map", "issuers.txt", "--patient-id-system", "urn:oid:1.2.840.99.9", "--max-dir-depth", "3", "--max-nesting", "4", "--max-inflated-mib", "5", "--plugins", "p1",
                "--progress", "--report", "report.json", "--validate", "-q", "--list-backends", "study");

        assertThat(o.get(CliOptions.OUTPUT)).isEqualTo("out.json");
        assertThat(o.get(CliOptions.READER)).isEqualTo("part10");
        assertThat(o.get(CliOptions.WRITER)).isEqualTo("ibm");
        assertThat(o.get(CliOptions.FORMAT)).isEqualTo(OutputFormat.XML);
        assertThat(o.on(CliOptions.PRETTY)).isTrue();
        assertThat(o.get(CliOptions.TIMEZONE)).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(o.get(CliOptions.ID)).isEqualTo(IdStrategy.RANDOM);
        assertThat(o.get(CliOptions.ENDPOINT)).isEqualTo("https://pacs.example.org/dicomweb");
        assertThat(o.on(CliOptions.SPLIT)).isTrue();
        assertThat(o.get(CliOptions.ISSUER_MAP)).isEqualTo("issuers.txt");
        assertThat(o.get(CliOptions.PATIENT_ID_SYSTEM)).isEqualTo("urn:oid:1.2.840.99.9");
        assertThat(o.limits().maxDirectoryDepth()).isEqualTo(3);
        assertThat(o.limits().maxNestingDepth()).isEqualTo(4);
        assertThat(o.limits().maxInflatedBytes()).isEqualTo(5L << 20);
        assertThat(o.all(CliOptions.PLUGINS)).containsExactly("p1");
        assertThat(o.get(CliOptions.PROGRESS)).isTrue();
        assertThat(o.get(CliOptions.REPORT)).isEqualTo("report.json");
        assertThat(o.on(CliOptions.VALIDATE)).isTrue();
        assertThat(o.on(CliOptions.QUIET)).isTrue();
        assertThat(o.on(CliOptions.VERBOSE)).isFalse();
        assertThat(o.on(CliOptions.LIST_BACKENDS)).isTrue();
        assertThat(o.studyDir()).isEqualTo("study");
        assertThat(parse("--verbose").on(CliOptions.VERBOSE)).isTrue();
        assertThat(parse("--help").on(CliOptions.HELP)).isTrue();
        assertThat(parse("--version").on(CliOptions.VERSION)).isTrue();
    }

    @Test
    void longOptionValueSeparateOrAttached() throws Exception {
        assertThat(parse("--output", "a.json").get(CliOptions.OUTPUT)).isEqualTo("a.json");
        assertThat(parse("--output=a.json").get(CliOptions.OUTPUT)).isEqualTo("a.json");
        assertThat(parse("--output=a=b.json").get(CliOptions.OUTPUT)).isEqualTo("a=b.json");
        assertThat(parse("--output=").get(CliOptions.OUTPUT)).isEmpty();
        assertThat(parse("--format=XML").get(CliOptions.FORMAT)).isEqualTo(OutputFormat.XML);
    }

    @Test
    void shortOptionValueSeparateAttachedOrAfterEquals() throws Exception {
        assertThat(parse("-o", "a.json").get(CliOptions.OUTPUT)).isEqualTo("a.json");
        assertThat(parse("-oa.json").get(CliOptions.OUTPUT)).isEqualTo("a.json");
        assertThat(parse("-o=a.json").get(CliOptions.OUTPUT)).isEqualTo("a.json");
        assertThat(parse("-o==a.json").get(CliOptions.OUTPUT)).isEqualTo("=a.json");
        assertThat(parse("-w", "hapi").get(CliOptions.WRITER)).isEqualTo("hapi");
        assertThat(parse("-rpart10").get(CliOptions.READER)).isEqualTo("part10");
    }

    @Test
    void clusteredShortFlags() throws Exception {
        Options qv = parse("-qv");
        assertThat(qv.on(CliOptions.QUIET)).isTrue();
        assertThat(qv.on(CliOptions.VERBOSE)).isTrue();

        Options vq = parse("-vq", "study");
        assertThat(vq.on(CliOptions.QUIET) && vq.on(CliOptions.VERBOSE)).isTrue();
        assertThat(vq.studyDir()).isEqualTo("study");
    }

    @Test
    void clusterMayEndInAValueOption() throws Exception {
        Options separate = parse("-qo", "a.json", "study");
        assertThat(separate.on(CliOptions.QUIET)).isTrue();
        assertThat(separate.get(CliOptions.OUTPUT)).isEqualTo("a.json");
        assertThat(separate.studyDir()).isEqualTo("study");

        Options attached = parse("-qoa.json", "study");
        assertThat(attached.on(CliOptions.QUIET)).isTrue();
        assertThat(attached.get(CliOptions.OUTPUT)).isEqualTo("a.json");

        Options helpThenValue = parse("-ho", "x");
        assertThat(helpThenValue.on(CliOptions.HELP)).isTrue();
        assertThat(helpThenValue.get(CliOptions.OUTPUT)).isEqualTo("x");
    }

    @Test
    void doubleDashEndsTheOptions() throws Exception {
        Options o = parse("--pretty", "--", "--split");

        assertThat(o.on(CliOptions.PRETTY)).isTrue();
        assertThat(o.on(CliOptions.SPLIT)).isFalse();
        assertThat(o.studyDir()).isEqualTo("--split");
        assertThat(parse("--", "-").studyDir()).isEqualTo("-");
        assertThat(parse("--", "--").studyDir()).isEqualTo("--");
        assertThat(parse("--").studyDir()).isNull();
    }

    @Test
    void loneDashIsAValueOrTheStudyDir() throws Exception {
        assertThat(parse("-o", "-", "study").get(CliOptions.OUTPUT)).isEqualTo("-");
        assertThat(parse("-o", "-", "study").studyDir()).isEqualTo("study");
        assertThat(parse("-").studyDir()).isEqualTo("-");
        assertThat(parse("--report", "-").get(CliOptions.REPORT)).isEqualTo("-");
    }

    @Test
    void optionsMayFollowTheStudyDir() throws Exception {
        Options o = parse("study", "--pretty", "-o", "x.json");

        assertThat(o.studyDir()).isEqualTo("study");
        assertThat(o.on(CliOptions.PRETTY)).isTrue();
        assertThat(o.get(CliOptions.OUTPUT)).isEqualTo("x.json");
    }

    @Test
    void emptyArgumentIsAStudyDir() throws Exception {
        assertThat(parse("").studyDir()).isEmpty();
    }

    @Test
    void aValueMayStartWithADashWhenItIsNoOptionName() throws Exception {
        assertThat(parse("--timezone", "-05:00").get(CliOptions.TIMEZONE)).isEqualTo(ZoneOffset.ofHours(-5));
        assertThat(parse("--timezone=-05:00").get(CliOptions.TIMEZONE)).isEqualTo(ZoneOffset.ofHours(-5));
        assertThat(parse("-o", "--not-an-option").get(CliOptions.OUTPUT)).isEqualTo("--not-an-option");
        assertThat(parse("-o", "-xq").get(CliOptions.OUTPUT)).isEqualTo("-xq");
        assertThat(parse("-r", "-x").get(CliOptions.READER)).isEqualTo("-x");
    }

    @Test
    void pluginsAreRepeatableAndKeepTheirOrder() throws Exception {
        assertThat(parse("--plugins", "a", "--plugins=b", "--plugins", "c").all(CliOptions.PLUGINS)).containsExactly("a", "b", "c");
    }

    @Test
    void progressIsNegatable() throws Exception {
        assertThat(parse("--progress").get(CliOptions.PROGRESS)).isTrue();
        assertThat(parse("--no-progress").get(CliOptions.PROGRESS)).isFalse();
        assertThat(parse("--progress=false").get(CliOptions.PROGRESS)).isFalse();
        assertThat(parse("--no-progress=true").get(CliOptions.PROGRESS)).isFalse();
        assertThat(parse("--no-progress=false").get(CliOptions.PROGRESS)).isTrue();
    }

    @Test
    void flagsTakeAnOptionalAttachedBoolean() throws Exception {
        assertThat(parse("--pretty=true").on(CliOptions.PRETTY)).isTrue();
        assertThat(parse("--pretty=FALSE").on(CliOptions.PRETTY)).isFalse();
        assertThat(parse("--pretty=").on(CliOptions.PRETTY)).isFalse();
        assertThat(parse("-q=true").on(CliOptions.QUIET)).isTrue();
        Options o = parse("-vq=false");
        assertThat(o.on(CliOptions.VERBOSE)).isTrue();
        assertThat(o.on(CliOptions.QUIET)).isFalse();
    }

    @Test
    void valuesAreConverted() throws Exception {
        assertThat(parse("--id", "RANDOM").get(CliOptions.ID)).isEqualTo(IdStrategy.RANDOM);
        assertThat(parse("--id", "uid").get(CliOptions.ID)).isEqualTo(IdStrategy.UID);
        assertThat(parse("--format", "Json").get(CliOptions.FORMAT)).isEqualTo(OutputFormat.JSON);
        assertThat(parse("--timezone", "system").get(CliOptions.TIMEZONE)).isEqualTo(ZoneId.systemDefault());
        assertThat(parse("--timezone", "+01:00").get(CliOptions.TIMEZONE)).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(parse("--max-dir-depth", " 007 ").limits().maxDirectoryDepth()).isEqualTo(7);
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
        assertThat(parse("--help", "--foo").on(CliOptions.HELP)).isTrue();
        assertThat(parse("--foo", "--help").on(CliOptions.HELP)).isTrue();
        assertThat(parse("-hx").on(CliOptions.HELP)).isTrue();
        assertThat(parse("--help", "a", "b").on(CliOptions.HELP)).isTrue();
        assertThat(parse("-V", "--foo", "a", "b").on(CliOptions.VERSION)).isTrue();
        Options both = parse("-hV");
        assertThat(both.on(CliOptions.HELP) && both.on(CliOptions.VERSION)).isTrue();
    }

    @Test
    void helpDoesNotSilenceBadOrMissingValues() {
        assertThat(error("--help", "--format", "yaml")).startsWith("Invalid value for option '--format'");
        assertThat(error("--help", "-o")).startsWith("Missing required parameter for option '--output'");
        assertThat(error("-V", "-V")).isEqualTo("option '--version' should be specified only once");
    }

    // --- the table and the help -----------------------------------------------------------------

    /** A value each option accepts. */
    private static String sampleValue(OptionSpec<?> spec) {
        return switch (spec.label()) {
            case "ZONE" -> "UTC";
            case "N", "SECONDS" -> "3";
            default -> spec.label().contains("|") ? spec.label().substring(0, spec.label().indexOf('|')) : "x";
        };
    }

    private static List<String> occurrence(String name, OptionSpec<?> spec) {
        return spec.takesValue() ? List.of(name, sampleValue(spec)) : List.of(name);
    }

    @Test
    void theParserKnowsEveryNameOfTheTable() throws Exception {
        for (OptionSpec<?> spec : CliOptions.ALL) {
            List<String> names = new ArrayList<>(List.of(spec.longName()));
            if (spec.shortName() != null) {
                names.add(spec.shortName());
            }
            if (spec.negatable()) {
                names.add("--no-" + spec.longName().substring(2));
            }
            for (String name : names) {
                List<String> once = occurrence(name, spec);
                assertThat(parse(once.toArray(String[]::new)).given(spec)).as(name).isTrue();
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
    void everyLimitOfTheEnumIsAnOptionThatSetsItsLimitAndIsInTheHelp() throws Exception {
        String help = String.join("\n", HelpText.lines());
        String helpWords = help.replaceAll("\\s+", " ");
        assertThat(CliOptions.LIMITS).hasSize(Limit.values().length);
        for (Limit limit : Limit.values()) {
            String name = "--" + limit.optionName();

            Limits three = parse(name, "3").limits();
            assertThat(three.get(limit)).as(name).isEqualTo(limit.unit().fromUser(3));
            for (Limit other : Limit.values()) {
                if (other != limit) {
                    assertThat(three.get(other)).as(name + " leaves " + other).isEqualTo(other.defaultValue());
                }
            }
            assertThat(parse(name + "=7").limits().get(limit)).as(name).isEqualTo(limit.unit().fromUser(7));
            assertThat(error(name, "0")).isEqualTo("Invalid value for option '" + name + "': '0' is not a positive whole number");
            assertThat(error(name, "1", name, "2")).isEqualTo("option '" + name + "' (N) should be specified only once");

            assertThat(help).as(name).contains("\n      " + name + "=N ");
            String description = limit.description();
            assertThat(helpWords).as(name).contains(Character.toUpperCase(description.charAt(0)) + description.substring(1))
                    .contains("default " + limit.unit().toUser(limit.defaultValue()) + ".");
        }
        assertThat(help).contains("--max-header-mib=N");
    }

    @Test
    void namesAreUnique() {
        List<String> names = new ArrayList<>();
        for (OptionSpec<?> spec : CliOptions.ALL) {
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
        for (OptionSpec<?> spec : CliOptions.ALL) {
            String names = (spec.shortName() == null ? "      " : "  " + spec.shortName() + ", ")
                    + spec.longNameInHelp() + (spec.takesValue() ? "=" + spec.label() : "");
            int at = Math.max(help.indexOf("\n" + names + " "), help.indexOf("\n" + names + "\n"));
            assertThat(at).as(names).isGreaterThan(previous);
            // the description's first words follow on the same line, or on the next for a name too long (picocli)
            String firstWords = spec.description().substring(0, spec.description().indexOf(' '));
            int lineEnd = help.indexOf('\n', at + 1);
            String where = names.strip().length() > 20 ? help.substring(at + 1, help.indexOf('\n', lineEnd + 1))
                    : help.substring(at + 1, lineEnd);
            assertThat(where).as(names).contains(firstWords);
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
                "      STUDY_DIR              The folder of DICOM files holding one study",
                "                               (sub-folders included), or a ZIP archive of it.",
                "",
                "Options:",
                "  -o, --output=FILE          Write the result to FILE ('-' = standard output,",
                "                               the default). A regular or new file is written");
        assertThat(lines).contains(
                "      --[no-]progress        Force the progress bar on standard error on or off",
                "      --max-inflated-mib=N   Most bytes a deflated data set may inflate to, in",
                "                               MiB; default 64.",
                "  -V, --version              Print version information and exit.",
                "Exit codes (when several apply, the first in the order 2, 7, 5, 3, 8, 6, 4, 0",
                "wins):",
                "  0   success: every file was included or deliberately skipped",
                "  2   usage error: unknown option, missing STUDY_DIR, unknown backend or bad",
                "        option value");
        assertThat(lines.subList(lines.size() - 6, lines.size())).containsExactly(
                "Examples:",
                "  dicom2fhir samples/ct-chest > study.json",
                "  dicom2fhir --pretty -o study.json /data/study42",
                "  dicom2fhir -w hapi --timezone Europe/Berlin /data/study42",
                "  dicom2fhir --split --report report.json /data/mixed",
                "  dicom2fhir --post https://fhir.example/fhir --patient bundle /data/study42");
        assertThat(lines).as("STUDY_DIR is required, as in the usage line").noneMatch(line -> line.contains("[STUDY_DIR]"));
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
    void inconsistentDeclarationsAreRejected() {
        assertThatThrownBy(() -> OptionSpec.flag("x", "--x", "d")).as("a short name without its dash")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OptionSpec.flag(null, "-x", "d")).as("a long name with one dash")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OptionSpec.value(null, "--x", null, ValueType.TEXT, null, "d")).as("a value without label")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OptionSpec.value(null, "--x", "V", ValueType.BOOLEAN, null, "d")).as("a boolean value option")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OptionSpec.value(null, "--x", "N", ValueType.LIMIT, null, "d")).as("a limit without its Limit")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OptionSpec.flag(null, "--x", " ")).as("no help line")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CliOptions.OUTPUT.at(99)).as("declared twice").isInstanceOf(IllegalStateException.class);
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
