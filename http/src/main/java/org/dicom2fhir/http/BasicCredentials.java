package org.dicom2fhir.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * HTTP Basic credentials (RFC 7617), what most PACS (Orthanc included) ask for. Read from a file, never from a
 * command line (other users can read a process's arguments); {@link #toString()} is redacted and no message quotes
 * the user or the password.
 */
public final class BasicCredentials implements Credentials {
    private final String header;

    private BasicCredentials(String header) {
        this.header = header;
    }

    /**
     * The file's one line {@code user:password} (as curl's {@code -u}): the first colon separates them, so a
     * password may hold colons; the line end is dropped, other white space is kept.
     *
     * @throws IOException naming the file when it cannot be read
     * @throws IllegalArgumentException naming the file when it holds no {@code user:password} line
     */
    public static BasicCredentials fromFile(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        String origin = "the file " + file;
        String line = content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        int colon = line.indexOf(':');
        if (colon <= 0 || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(origin + " holds no credentials: it must hold one line user:password");
        }
        if (line.indexOf(':') == line.length() - 1) {
            throw new IllegalArgumentException(origin + " holds a user without a password (one line user:password)");
        }
        return new BasicCredentials("Basic " + Base64.getEncoder().encodeToString(line.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String authorization(Exchange tokenRequests) {
        return header;
    }

    /** Fixed credentials cannot be renewed. */
    @Override
    public boolean refused(String authorization) {
        return false;
    }

    @Override
    public String toString() {
        return "BasicCredentials[redacted]";
    }
}
