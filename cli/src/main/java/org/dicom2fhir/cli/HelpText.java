package org.dicom2fhir.cli;

import java.util.ArrayList;
import java.util.List;

/** {@code --help}: rendered from the declarations of {@link CliOptions}, in picocli's layout, wrapped to 80 columns. */
final class HelpText {
    /** Lines are at most this long (an 80-column terminal wraps a line of 80 characters early). */
    static final int WIDTH = 79;

    private static final List<String> DESCRIPTION = List.of(
            "Converts a folder of DICOM files holding one study into a FHIR ImagingStudy with a contained Patient.",
            "The resource goes to standard output (or --output); warnings, errors and a one-line summary go to "
                    + "standard error. No patient data is ever written to standard error.",
            "dicom2fhir batch [OPTIONS] ROOT... -o DIR converts an archive: every study below the ROOTs, grouped by "
                    + "Study Instance UID across all of them, to DIR/ImagingStudy.ndjson with DIR/report.ndjson and "
                    + "DIR/manifest.json (a study folder named batch is given as ./batch); dicom2fhir batch --dicomweb "
                    + "BASE -o DIR does the same with the studies of a DICOMweb server.");

    private static final String STUDY_DIR = "The folder of DICOM files holding one study (sub-folders included), a ZIP "
            + "archive or DICOM JSON file of it, or a DICOMweb study URL http(s)://host/.../studies/<StudyInstanceUID> "
            + "(its WADO-RS metadata is read).";

    private static final String EXIT_CODES_HEADING =
            "Exit codes (when several apply, the first in the order 2, 7, 5, 3, 8, 6, 4, 0 wins):";

    private static final List<String> EXIT_CODES = List.of(
            "0:success: every file was included or deliberately skipped",
            "1:internal error: a bug in dicom2fhir (the message says how to report it)",
            "2:usage error: unknown option, missing STUDY_DIR, unknown backend or bad option value",
            "3:nothing in STUDY_DIR is DICOM",
            "4:some files that claim to be DICOM failed to read (the resource is still written from the others)",
            "5:several studies in STUDY_DIR and no --split",
            "6:--validate found errors in the result (the result is still written; with --post the study is "
                    + "not sent)",
            "7:STUDY_DIR missing or unreadable (a DICOMweb study missing, refused or unreachable: the message names "
                    + "the HTTP status), or the output cannot be written",
            "8:--post: some study was not delivered (refused, rejected, unreachable; the report says why), or "
                    + "the dry run of --patient bundle|reference refused one");

    private static final List<String> EXAMPLES = List.of(
            "  dicom2fhir samples/ct-chest > study.json",
            "  dicom2fhir --pretty -o study.json /data/study42",
            "  dicom2fhir -w hapi --timezone Europe/Berlin /data/study42",
            "  dicom2fhir --split --report report.json /data/mixed",
            "  dicom2fhir --post https://fhir.example/fhir --patient bundle /data/study42",
            "  dicom2fhir https://pacs.example/dicom-web/studies/1.2.840.1 > study.json");

    /** Where the short names start, and the long ones ({@code "  -o, --output"}). */
    private static final int SHORT_COLUMN = 2;
    private static final int LONG_COLUMN = 6;
    /** picocli's default {@code usageHelpLongOptionsMaxWidth}. */
    private static final int LONG_NAMES_MAX_WIDTH = 20;
    private static final int GAP = 3;
    /** Continuation lines of a description are indented a little further than its first line. */
    private static final int HANGING_INDENT = 2;
    private static final int EXIT_CODE_COLUMN = 6;

    private HelpText() {
    }

    static List<String> lines() {
        return lines(CliOptions.ALL);
    }

    static List<String> lines(List<OptionSpec<?>> options) {
        List<String> lines = new ArrayList<>();
        lines.add("Usage: dicom2fhir [OPTIONS] STUDY_DIR");
        lines.add("");
        for (String paragraph : DESCRIPTION) {
            lines.addAll(wrap(paragraph, "", ""));
        }
        // as picocli: longer names than LONG_NAMES_MAX_WIDTH put their description on the next line
        int descriptionColumn = LONG_COLUMN + Math.min(LONG_NAMES_MAX_WIDTH,
                options.stream().mapToInt(o -> longPart(o).length()).max().orElse(0)) + GAP;
        lines.add("");
        // required: without brackets, as in the usage line
        lines.addAll(entry(" ".repeat(LONG_COLUMN) + "STUDY_DIR", descriptionColumn, STUDY_DIR));
        lines.add("");
        lines.add("Options:");
        for (OptionSpec<?> option : options) {
            String names = option.shortName() == null ? " ".repeat(LONG_COLUMN)
                    : " ".repeat(SHORT_COLUMN) + option.shortName() + ", ";
            lines.addAll(entry(names + longPart(option), descriptionColumn, option.description()));
        }
        lines.add("");
        lines.addAll(wrap(EXIT_CODES_HEADING, "", ""));
        for (String exitCode : EXIT_CODES) {
            int colon = exitCode.indexOf(':');
            lines.addAll(entry("  " + exitCode.substring(0, colon), EXIT_CODE_COLUMN, exitCode.substring(colon + 1)));
        }
        lines.add("");
        lines.add("Examples:");
        lines.addAll(EXAMPLES);
        return lines;
    }

    /** {@code --output=FILE}, {@code --[no-]progress}. */
    private static String longPart(OptionSpec<?> option) {
        return option.longNameInHelp() + (option.takesValue() ? "=" + option.label() : "");
    }

    /** A name padded to its description's column, then the description wrapped below it. */
    private static List<String> entry(String name, int column, String description) {
        String indent = " ".repeat(column);
        if (name.length() + 1 > column) {
            List<String> lines = new ArrayList<>();
            lines.add(name);
            lines.addAll(wrap(description, indent, indent + " ".repeat(HANGING_INDENT)));
            return lines;
        }
        String first = name + " ".repeat(column - name.length());
        return wrap(description, first, indent + " ".repeat(HANGING_INDENT));
    }

    /** Greedy word wrap to {@link #WIDTH}; a word longer than a line gets a line of its own. */
    static List<String> wrap(String text, String firstIndent, String nextIndent) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(firstIndent);
        int lineStart = firstIndent.length();
        for (String word : text.strip().split(" +")) {
            if (line.length() > lineStart && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(nextIndent);
                lineStart = nextIndent.length();
            }
            if (line.length() > lineStart) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
