package org.dicom2fhir.cli;

/**
 * The command line is not valid, or asks for what cannot be done (an unknown backend, a bad endpoint):
 * exit code 2. The message is a clause for "dicom2fhir: ...", free of positional arguments (folder
 * paths may carry a patient's name).
 */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message, null, false, false);
    }
}
