package org.dicom2fhir.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.core.JsonStudy;

/**
 * A fetched study whose responses are digested as they are read: the stamp of a study that has no file to stat
 * (the same bytes give the same stamp; a study that changed on the server gives another).
 */
final class DigestedStudy implements JsonStudy {
    private final JsonStudy study;
    private final MessageDigest digest;

    DigestedStudy(JsonStudy study) {
        this.study = study;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public Path origin() {
        return study.origin();
    }

    @Override
    public void read(Responses responses) throws IOException {
        study.read(new Responses() {
            @Override
            public void json(String path, InputStream json) {
                digest.update(path.getBytes(StandardCharsets.UTF_8));
                responses.json(path, new DigestInputStream(json, digest));
            }

            @Override
            public void failed(String path, ReasonCode reason, String message) {
                digest.update((path + "\u0000" + reason).getBytes(StandardCharsets.UTF_8));
                responses.failed(path, reason, message);
            }
        });
    }

    /** What the responses brought, read so far: call after {@link #read}. */
    String digest() {
        return "sha256:" + HexFormat.of().formatHex(digest.digest(), 0, 16);
    }
}
