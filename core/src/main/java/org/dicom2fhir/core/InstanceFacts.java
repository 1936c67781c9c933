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
     * These facts with equal patient, study and series values of other instances in their place ({@link StudyGrouping}
     * and batch's store share one value among the instances of a study, or of an archive); itself when they are the
     * same objects already.
     */
    public InstanceFacts sharing(Patient samePatient, Study sameStudy, Series sameSeries) {
        if (samePatient == patient && sameStudy == study && sameSeries == series) {
            return this;
        }
        return new InstanceFacts(path, studyInstanceUid, seriesInstanceUid, sopInstanceUid, sopClassUid, instanceNumber,
                title, imageLaterality, timezoneOffset, samePatient, sameStudy, sameSeries, warnings);
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
     * @param otherIds     items of (0010,1002) Other Patient IDs Sequence that have an id
     */
    public record Patient(String name, String id, String issuerOfId, Issuer idIssuer, String sex, String birthDate,
            List<OtherPatientId> otherIds) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Patient {
            otherIds = List.copyOf(otherIds);
        }

        /**
         * Every component, as the record's own equals compares them, written out (here and in every nested record):
         * the grouping and batch's store compare each file's values with the study's before it, and the generated
         * equals (method handles, one megamorphic call per nested value) was most of that cost (10 % of a batch's
         * CPU). {@code InstanceFactsEqualityTest} proves that each component counts.
         */
        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Patient p && Objects.equals(id, p.id) && Objects.equals(name, p.name)
                    && Objects.equals(issuerOfId, p.issuerOfId) && Objects.equals(idIssuer, p.idIssuer)
                    && Objects.equals(sex, p.sex) && Objects.equals(birthDate, p.birthDate)
                    && otherIds.equals(p.otherIds);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, id, issuerOfId, idIssuer, sex, birthDate, otherIds);
        }

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
     * @param studyId         (0020,0010)
     * @param referrer        (0008,0090) with (0008,0096), or null
     * @param readers         (0008,1060) with (0008,1062), every value
     * @param requests        one per (0040,0275) item, else the top-level request attributes, those with any
     * @param performedLocation (0040,0243)
     * @param admissionId     (0038,0010)
     * @param admissionIssuer first item of (0038,0014), or null
     */
    public record Study(String date, String time, String description, String accessionNumber, Issuer accessionIssuer,
            List<Code> procedureCodes, List<Reason> reasons, String studyId, Person referrer, List<Person> readers,
            List<Request> requests, String performedLocation, String admissionId, Issuer admissionIssuer)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        public Study {
            procedureCodes = List.copyOf(procedureCodes);
            reasons = List.copyOf(reasons);
            readers = List.copyOf(readers);
            requests = List.copyOf(requests);
        }

        /** Every component written out, as {@link Patient#equals}. */
        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Study s && Objects.equals(accessionNumber, s.accessionNumber)
                    && Objects.equals(date, s.date) && Objects.equals(time, s.time)
                    && Objects.equals(description, s.description) && Objects.equals(accessionIssuer, s.accessionIssuer)
                    && procedureCodes.equals(s.procedureCodes) && reasons.equals(s.reasons)
                    && Objects.equals(studyId, s.studyId) && Objects.equals(referrer, s.referrer)
                    && readers.equals(s.readers) && requests.equals(s.requests)
                    && Objects.equals(performedLocation, s.performedLocation)
                    && Objects.equals(admissionId, s.admissionId) && Objects.equals(admissionIssuer, s.admissionIssuer);
        }

        @Override
        public int hashCode() {
            return Objects.hash(date, time, description, accessionNumber, accessionIssuer, procedureCodes, reasons,
                    studyId, referrer, readers, requests, performedLocation, admissionId, admissionIssuer);
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
     * @param anatomicRegion  the first item of (0008,2218), top level or else in the Shared Functional Groups'
     *                        (0020,9071) Frame Anatomy item; null when absent
     * @param frameLaterality (0020,9072) in the Shared Functional Groups' Frame Anatomy item
     * @param performers      (0008,1050) with (0008,1052), every value
     * @param operators       (0008,1070) with (0008,1072), every value
     * @param equipment       the General Equipment values, or null when none is present
     * @param institution     (0008,0080)
     * @param institutionAddress (0008,0081)
     * @param department      (0008,1040)
     * @param specimens       items of (0040,0560) with a Specimen Identifier
     */
    public record Series(String modality, String number, String description, String date, String time,
            String bodyPart, String laterality, Region anatomicRegion, String frameLaterality, List<Person> performers,
            List<Person> operators, Equipment equipment, String institution, String institutionAddress,
            String department, List<Specimen> specimens) implements Serializable {
        private static final long serialVersionUID = 1L;

        public Series {
            performers = List.copyOf(performers);
            operators = List.copyOf(operators);
            specimens = List.copyOf(specimens);
        }

        /** Every component written out, as {@link Patient#equals}. */
        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Series s && Objects.equals(number, s.number)
                    && Objects.equals(modality, s.modality) && Objects.equals(description, s.description)
                    && Objects.equals(date, s.date) && Objects.equals(time, s.time)
                    && Objects.equals(bodyPart, s.bodyPart) && Objects.equals(laterality, s.laterality)
                    && Objects.equals(anatomicRegion, s.anatomicRegion)
                    && Objects.equals(frameLaterality, s.frameLaterality) && performers.equals(s.performers)
                    && operators.equals(s.operators) && Objects.equals(equipment, s.equipment)
                    && Objects.equals(institution, s.institution)
                    && Objects.equals(institutionAddress, s.institutionAddress)
                    && Objects.equals(department, s.department) && specimens.equals(s.specimens);
        }

        @Override
        public int hashCode() {
            return Objects.hash(modality, number, description, date, time, bodyPart, laterality, anatomicRegion,
                    frameLaterality, performers, operators, equipment, institution, institutionAddress, department,
                    specimens);
        }

        @Override
        public String toString() {
            return "Series[modality=" + modality + "]";
        }
    }

    /**
     * An issuer: Universal Entity ID (0040,0032) and its type (0040,0033), and Local Namespace Entity ID
     * (0040,0031).
     */
    public record Issuer(String universalEntityId, String universalEntityIdType, String localNamespace)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Every component written out, as {@link Patient#equals}. */
        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Issuer x && Objects.equals(universalEntityId, x.universalEntityId) && Objects.equals(universalEntityIdType, x.universalEntityIdType) && Objects.equals(localNamespace, x.localNamespace);
        }

        @Override
        public int hashCode() {
            return Objects.hash(universalEntityId, universalEntityIdType, localNamespace);
        }

        public Issuer(String universalEntityId, String universalEntityIdType) {
            this(universalEntityId, universalEntityIdType, null);
        }

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

        /** Every component written out, as {@link Patient#equals}. */
        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Code x && Objects.equals(value, x.value) && Objects.equals(scheme, x.scheme) && Objects.equals(meaning, x.meaning);
        }

        @Override
        public int hashCode() {
            return Objects.hash(value, scheme, meaning);
        }

        @Override
        public String toString() {
            return "Code[scheme=" + scheme + "]";
        }
    }

    /**
     * One value of a person-name attribute and the Person Identification Code Sequence (0040,1101) items of the
     * identification sequence item at the same position (PS3.3: item n identifies value n).
     *
     * @param name PN as decoded, or null when only the identification is present
     */
    public record Person(String name, List<Code> ids) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Every component written out, as {@link Patient#equals}. */
        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Person x && Objects.equals(name, x.name) && Objects.equals(ids, x.ids);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, ids);
        }

        public Person {
            ids = List.copyOf(ids);
        }

        @Override
        public String toString() {
            return "Person[ids=" + ids.size() + "]";
        }
    }

    /**
     * One requested procedure.
     *
     * @param accessionNumber       (0008,0050) of the item, else of the data set
     * @param accessionIssuer       (0008,0051) likewise
     * @param requestedProcedureId  (0040,1001)
     * @param codes                 (0032,1064) items
     * @param placer                (0040,2016); {@code placerIssuer} the first item of (0040,0026)
     * @param filler                (0040,2017); {@code fillerIssuer} the first item of (0040,0027)
     */
    public record Request(String accessionNumber, Issuer accessionIssuer, String requestedProcedureId,
            List<Code> codes, String placer, Issuer placerIssuer, String filler, Issuer fillerIssuer)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Every component written out, as {@link Patient#equals}. */
        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Request x && Objects.equals(accessionNumber, x.accessionNumber) && Objects.equals(accessionIssuer, x.accessionIssuer) && Objects.equals(requestedProcedureId, x.requestedProcedureId) && Objects.equals(codes, x.codes) && Objects.equals(placer, x.placer) && Objects.equals(placerIssuer, x.placerIssuer) && Objects.equals(filler, x.filler) && Objects.equals(fillerIssuer, x.fillerIssuer);
        }

        @Override
        public int hashCode() {
            return Objects.hash(accessionNumber, accessionIssuer, requestedProcedureId, codes, placer, placerIssuer, filler, fillerIssuer);
        }

        public Request {
            codes = List.copyOf(codes);
        }

        @Override
        public String toString() {
            return "Request[codes=" + codes.size() + "]";
        }
    }

    /** An Anatomic Region Sequence item's code and its Anatomic Region Modifier Sequence (0008,2220) codes. */
    public record Region(Code code, List<Code> modifiers) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Every component written out, as {@link Patient#equals}. */
        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Region x && Objects.equals(code, x.code) && Objects.equals(modifiers, x.modifiers);
        }

        @Override
        public int hashCode() {
            return Objects.hash(code, modifiers);
        }

        public Region {
            modifiers = List.copyOf(modifiers);
        }
    }

    /**
     * The General Equipment values: (0008,0070), (0008,1090), (0018,1000), (0018,1002), (0018,1020) every
     * value, (0008,1010), (0018,100A) > (0018,1009) of the first item.
     */
    public record Equipment(String manufacturer, String model, String serialNumber, String deviceUid,
            List<String> softwareVersions, String station, String udi) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Every component written out, as {@link Patient#equals}. */
        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Equipment x && Objects.equals(manufacturer, x.manufacturer) && Objects.equals(model, x.model) && Objects.equals(serialNumber, x.serialNumber) && Objects.equals(deviceUid, x.deviceUid) && Objects.equals(softwareVersions, x.softwareVersions) && Objects.equals(station, x.station) && Objects.equals(udi, x.udi);
        }

        @Override
        public int hashCode() {
            return Objects.hash(manufacturer, model, serialNumber, deviceUid, softwareVersions, station, udi);
        }

        public Equipment {
            softwareVersions = List.copyOf(softwareVersions);
        }

        @Override
        public String toString() {
            return "Equipment[...]";
        }
    }

    /** A (0040,0560) item: Specimen Identifier (0040,0551) and the first item of (0040,0562). */
    public record Specimen(String id, Issuer issuer) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Every component written out, as {@link Patient#equals}. */
        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Specimen x && Objects.equals(id, x.id) && Objects.equals(issuer, x.issuer);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, issuer);
        }

        @Override
        public String toString() {
            return "Specimen[...]";
        }
    }

    /**
     * An Other Patient IDs Sequence (0010,1002) item: (0010,0020), (0010,0021), the first item of (0010,0024).
     */
    public record OtherPatientId(String id, String issuerOfId, Issuer issuer) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Every component written out, as {@link Patient#equals}. */
        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof OtherPatientId x && Objects.equals(id, x.id) && Objects.equals(issuerOfId, x.issuerOfId) && Objects.equals(issuer, x.issuer);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, issuerOfId, issuer);
        }

        @Override
        public String toString() {
            return "OtherPatientId[...]";
        }
    }

    /** One request's reason: codes from (0040,100A) and text from (0040,1002). */
    public record Reason(List<Code> codes, String text) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Every component written out, as {@link Patient#equals}. */
        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Reason x && Objects.equals(codes, x.codes) && Objects.equals(text, x.text);
        }

        @Override
        public int hashCode() {
            return Objects.hash(codes, text);
        }

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
