package org.dicom2fhir.cli;

import java.util.List;

/** The exit codes of the command (--help lists them, see {@link HelpText}) and the order that decides between several that apply. */
final class ExitCodes {
    static final int SUCCESS = 0;
    static final int INTERNAL_ERROR = 1;
    static final int USAGE = 2;
    static final int NOTHING_DICOM = 3;
    static final int SOME_FILES_FAILED = 4;
    static final int SEVERAL_STUDIES = 5;
    static final int INVALID_RESULT = 6;
    static final int CANNOT_READ_OR_WRITE = 7;
    /** Some study was not delivered ({@code --post}), or would not be (the dry run's refusals); not for invalid ones (6). */
    static final int NOT_DELIVERED = 8;

    /** When several apply, the first of this list wins. */
    private static final List<Integer> PRECEDENCE = List.of(USAGE, CANNOT_READ_OR_WRITE, SEVERAL_STUDIES,
            NOTHING_DICOM, NOT_DELIVERED, INVALID_RESULT, SOME_FILES_FAILED, SUCCESS);

    private ExitCodes() {
    }

    /** The code that wins among those that apply; {@link #INTERNAL_ERROR} beats everything (a bug stops the run). */
    static int first(Iterable<Integer> applicable) {
        int best = SUCCESS;
        for (int code : applicable) {
            if (code == INTERNAL_ERROR) {
                return INTERNAL_ERROR;
            }
            int rank = PRECEDENCE.indexOf(code);
            if (rank < 0) {
                throw new IllegalArgumentException("not an exit code of dicom2fhir: " + code);
            }
            if (rank < PRECEDENCE.indexOf(best)) {
                best = code;
            }
        }
        return best;
    }
}
