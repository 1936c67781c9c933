package org.dicom2fhir.reader.part10;

import static org.assertj.core.api.Assertions.assertThat;

import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.LimitExceededException;

/** How a read ended, for tests: its reason, or the limit it exceeded. */
final class Failures {
    private Failures() {
    }

    interface ThrowingRead {
        void run() throws Exception;
    }

    /**
     * The reason the read failed with, or null when it gave a result. A limit's reason code must come
     * as a {@link LimitExceededException} of that limit; any other exception fails the test.
     */
    static ReasonCode failure(ThrowingRead read) {
        try {
            read.run();
        } catch (LimitExceededException e) {
            assertThat(e.reason()).as("the reason of %s", e.limit()).isEqualTo(e.limit().reason());
            assertThat(e.getMessage()).isNotBlank();
            return e.reason();
        } catch (DicomReadException e) {
            assertThat(Limit.byReason(e.reason())).as("%s on a plain DicomReadException", e.reason()).isNull();
            assertThat(e.getMessage()).isNotBlank();
            return e.reason();
        } catch (Exception e) {
            throw new AssertionError("unexpected " + e, e);
        }
        return null;
    }

    /** The reason the read failed with; it must fail. */
    static ReasonCode reasonOf(ThrowingRead read) {
        ReasonCode reason = failure(read);
        if (reason == null) {
            throw new AssertionError("no exception");
        }
        return reason;
    }

    /** The limit the read exceeded: it must fail with a {@link LimitExceededException}. */
    static Limit limitOf(ThrowingRead read) {
        try {
            read.run();
        } catch (LimitExceededException e) {
            assertThat(e.reason()).isEqualTo(e.limit().reason());
            return e.limit();
        } catch (Exception e) {
            throw new AssertionError("not a LimitExceededException: " + e, e);
        }
        throw new AssertionError("no exception");
    }
}
