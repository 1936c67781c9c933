package org.dicom2fhir.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps java.util.logging (IBM's FHIR model, and System.Logger's default back end) quiet unless
 * {@code --verbose}; SLF4J (HAPI) is silenced by the bundled slf4j-nop. Restores the previous level
 * on close, so in-process runs leave no trace.
 */
final class QuietLogging implements AutoCloseable {
    private final Logger root;
    private final Level previous;

    private QuietLogging(Logger root, Level previous) {
        this.root = root;
        this.previous = previous;
    }

    static QuietLogging unlessVerbose(boolean verbose) {
        Logger root = Logger.getLogger("");
        Level previous = root.getLevel();
        if (!verbose) {
            root.setLevel(Level.OFF);
        }
        return new QuietLogging(root, previous);
    }

    @Override
    public void close() {
        root.setLevel(previous);
    }
}
