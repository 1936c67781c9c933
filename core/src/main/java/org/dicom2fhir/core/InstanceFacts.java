package org.dicom2fhir.core;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.dicom2fhir.api.Warning;

/**
 * The small, immutable per-instance facts one DICOM file is reduced to: everything the mapping rules
 * need and nothing else. Strings are the raw values as read, trimmed of padding; {@code null} means
 * absent or empty. Values shared by every instance of a study or series are grouped in nested records
 * so that equal groups can be shared between instances. Serialisable, so a batch engine can ship facts
 * between machines. {@link #toString()} never shows values (they are patient data).
 *
 * @param path              relative path of the file, {@code /} separators (ties are broken by it)
 * @param studyInstanceUid  (0020,000D), never null
 * @param seriesInstanceUid (0020,000E), never null, a valid FHIR id
 * @param sopInstanceUid    (0008,0018), never null, a valid FHIR id
 * @param sopClassUid       (0008,0016), else (0002,0002); never null
 * @param instanceNumber    (0020,0013) IS, raw
 * @param title             the instance title: Concept Name Code Meaning, Document Title, Content Label or
 *                          the Image Type values joined with a backslash, the first present
 * @param imageLaterality   (0020,0062)
 * @param timezoneOffset    (0008,0201), raw ({@code +HHMM})
 * @param patient           patient-level values
 * @param study             study-level values
 * @param series            series-level values
 * @param warnings          value-free warnings about this file (reading and extraction)
 */
public record InstanceFacts(String path, String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid,
        String sopClassUid, String instanceNumber, String title, String imageLaterality, String timezoneOffset,
        Patient patient, Study study, Series series, List<Warning> warnings) implements Serializable {

    private static final long serialVersionUID = 1L;

    public InstanceFacts {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        Objects.requireNonNull(sopClassUid, "sopClassUid");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(series, "series");
        warnings = List.copyOf(warnings);
    }

    /**
     * Patient-level values.
     *
     * @param name         (0010,0010) PN as decoded: groups separated by {@code =}, components by {@code ^}
     * @param id           (0010,0020)
     * @param issuerOfId   (0010,0021)
     * @param idIssuer     first item of (0010,0024), or null
     * @param sex          (0010,0040)
     * @param birthDate    (0010,0030) DA, raw
     */
    public record Patient(String name, String id, String issuerOfId, Issuer idIssuer, String sex, String birthDate)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            return "Patient[...]";
        }
    }

    /**
     * Study-level values.
     *
     * @param date            (0008,0020) DA, raw
     * @param time            (0008,0030) TM, raw
     * @param description     (0008,1030)
     * @param accessionNumber (0008,0050)
     * @param accessionIssuer first item of (0008,0051), or null
     * @param procedureCodes  items of (0008,1032)
     * @param reasons         the reasons for the requested procedure: the top-level ones first, then one per
     *                        item of (0040,0275) that has any
     */
    public record Study(String date, String time, String description, String accessionNumber, Issuer accessionIssuer,
            List<Code> procedureCodes, List<Reason> reasons) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Study {
            procedureCodes = List.copyOf(procedureCodes);
            reasons = List.copyOf(reasons);
        }

        @Override
        public String toString() {
            return "Study[procedureCodes=" + procedureCodes.size() + ", reasons=" + reasons.size() + "]";
        }
    }

    /**
     * Series-level values.
     *
     * @param modality    (0008,0060)
     * @param number      (0020,0011) IS, raw
     * @param description (0008,103E)
     * @param date        (0008,0021) DA, raw
     * @param time        (0008,0031) TM, raw
     * @param bodyPart    (0018,0015)
     * @param laterality  (0020,0060)
     */
    public record Series(String modality, String number, String description, String date, String time,
            String bodyPart, String laterality) implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            return "Series[modality=" + modality + "]";
        }
    }

    /** An issuer: Universal Entity ID (0040,0032) and its type (0040,0033). */
    public record Issuer(String universalEntityId, String universalEntityIdType) implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            return "Issuer[type=" + universalEntityIdType + "]";
        }
    }

    /**
     * A code sequence item: Code Value (0008,0100) (else Long Code Value (0008,0119)), Coding Scheme
     * Designator (0008,0102), Code Meaning (0008,0104).
     */
    public record Code(String value, String scheme, String meaning) implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            return "Code[scheme=" + scheme + "]";
        }
    }

    /** One request's reason: codes from (0040,100A) and text from (0040,1002). */
    public record Reason(List<Code> codes, String text) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Reason {
            codes = List.copyOf(codes);
        }

        @Override
        public String toString() {
            return "Reason[codes=" + codes.size() + "]";
        }
    }

    @Override
    public String toString() {
        // UIDs and the relative path are not patient data; every other value may be
        return "InstanceFacts[path=" + path + ", sopInstanceUid=" + sopInstanceUid + ", warnings=" + warnings.size()
                + "]";
    }
}
