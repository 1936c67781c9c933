package org.dicom2fhir.http;

import java.io.IOException;
import java.time.Duration;

/** A streamed body of which nothing more arrived within the idle timeout: the transfer was cancelled. */
public final class StalledBodyException extends IOException {
    private static final long serialVersionUID = 1L;

    StalledBodyException(Duration idleTimeout) {
        super("the server sent nothing more for " + idleTimeout.toSeconds() + " s; the transfer was cancelled");
    }
}
