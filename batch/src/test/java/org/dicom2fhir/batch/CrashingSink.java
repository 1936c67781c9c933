package org.dicom2fhir.batch;

import java.io.IOException;
import java.util.Map;

/** Fails after handing on {@code after} studies, as a crash would stop the run there. */
final class CrashingSink implements StudySink {
    private final NdjsonOutput output;
    private int left;

    CrashingSink(NdjsonOutput output, int after) {
        this.output = output;
        this.left = after;
    }

    @Override
    public void study(BatchStudy study) throws IOException {
        if (left-- == 0) {
            throw new IllegalStateException("crash");
        }
        output.study(study);
    }

    @Override
    public Map<String, Long> checkpoint() throws IOException {
        return output.checkpoint();
    }
}
