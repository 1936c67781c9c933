package org.dicom2fhir.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * What a run found to say on standard error, and the exit codes that apply. Collected while the
 * progress bar may be drawing and printed once the work is done ({@link RunMessages}); the exit code is
 * the first of {@link ExitCodes}' order among those collected.
 */
final class RunLog {
    private final List<String> notes = new ArrayList<>();
    private final List<Integer> codes = new ArrayList<>();

    /** A line for standard error. */
    void note(String line) {
        notes.add(line);
    }

    /** An exit code that applies. */
    void code(int exitCode) {
        codes.add(exitCode);
    }

    /** An exit code that applies, and the line that says why. */
    void fail(int exitCode, String line) {
        code(exitCode);
        note(line);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    int exitCode() {
        return ExitCodes.first(codes);
    }
}
