package org.dicom2fhir.core.internal.mapping;

import org.dicom2fhir.api.dicom.ReadDamage;
import org.dicom2fhir.api.WarningCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.dicom.DicomDataSet;
import org.dicom2fhir.api.dicom.DicomElement;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.core.InstanceFacts;

/** Reduces one read DICOM file to its {@link InstanceFacts}, or says why the file cannot be included. */
public final class FactsExtractor {
    /** Media Storage Directory Storage: a DICOMDIR. */
    static final String DICOMDIR_SOP_CLASS = "1.2.840.10008.1.3.10";
    /** (0008,0119) Long Code Value: the code of an item whose code exceeds 16 characters. */
    static final int LONG_CODE_VALUE = 0x00080119;

    /** A UID usable as a FHIR {@code id}. */

    /** Top-level tags the mapping needs (for {@code ReadOptions.withTags}), including the sequences it reads. */
    public static final Set<Integer> REQUIRED_TAGS = Set.of(
            Tags.SPECIFIC_CHARACTER_SET, // the reader needs it to decode the text values
            Tags.IMAGE_TYPE, Tags.SOP_CLASS_UID, Tags.SOP_INSTANCE_UID,
            Tags.STUDY_DATE, Tags.SERIES_DATE, Tags.STUDY_TIME, Tags.SERIES_TIME,
            Tags.ACCESSION_NUMBER, Tags.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE, Tags.MODALITY,
            Tags.TIMEZONE_OFFSET_FROM_UTC, Tags.STUDY_DESCRIPTION, Tags.PROCEDURE_CODE_SEQUENCE,
            Tags.SERIES_DESCRIPTION,
            Tags.PATIENT_NAME, Tags.PATIENT_ID, Tags.ISSUER_OF_PATIENT_ID,
            Tags.ISSUER_OF_PATIENT_ID_QUALIFIERS_SEQUENCE,
            Tags.PATIENT_BIRTH_DATE, Tags.PATIENT_SEX,
            Tags.BODY_PART_EXAMINED,
            Tags.STUDY_INSTANCE_UID, Tags.SERIES_INSTANCE_UID, Tags.SERIES_NUMBER, Tags.INSTANCE_NUMBER,
            Tags.LATERALITY, Tags.IMAGE_LATERALITY,
            Tags.REQUEST_ATTRIBUTES_SEQUENCE, Tags.REASON_FOR_THE_REQUESTED_PROCEDURE,
            Tags.REASON_FOR_REQUESTED_PROCEDURE_CODE_SEQUENCE,
            Tags.CONCEPT_NAME_CODE_SEQUENCE, Tags.DOCUMENT_TITLE, Tags.CONTENT_LABEL,
            Tags.REFERRING_PHYSICIAN_NAME, Tags.REFERRING_PHYSICIAN_IDENTIFICATION_SEQUENCE,
            Tags.PERFORMING_PHYSICIAN_NAME, Tags.PERFORMING_PHYSICIAN_IDENTIFICATION_SEQUENCE,
            Tags.NAME_OF_PHYSICIANS_READING_STUDY, Tags.PHYSICIANS_READING_STUDY_IDENTIFICATION_SEQUENCE,
            Tags.OPERATORS_NAME, Tags.OPERATOR_IDENTIFICATION_SEQUENCE,
            Tags.STUDY_ID, Tags.REQUESTED_PROCEDURE_ID, Tags.REQUESTED_PROCEDURE_CODE_SEQUENCE,
            Tags.PLACER_ORDER_NUMBER, Tags.FILLER_ORDER_NUMBER, Tags.ORDER_PLACER_IDENTIFIER_SEQUENCE,
            Tags.ORDER_FILLER_IDENTIFIER_SEQUENCE, Tags.ADMISSION_ID, Tags.ISSUER_OF_ADMISSION_ID_SEQUENCE,
            Tags.OTHER_PATIENT_IDS_SEQUENCE,
            // the shared functional groups are one item; the per-frame ones (one item per frame) are not read
            Tags.ANATOMIC_REGION_SEQUENCE, Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE,
            Tags.INSTITUTION_NAME, Tags.INSTITUTION_ADDRESS, Tags.INSTITUTIONAL_DEPARTMENT_NAME,
            Tags.PERFORMED_LOCATION, Tags.MANUFACTURER, Tags.MANUFACTURER_MODEL_NAME, Tags.STATION_NAME,
            Tags.DEVICE_SERIAL_NUMBER, Tags.DEVICE_UID, Tags.UDI_SEQUENCE, Tags.SOFTWARE_VERSIONS,
            Tags.SPECIMEN_DESCRIPTION_SEQUENCE);

    /** Shared repeated values; 4,096 slots: far more distinct repeated values than a study holds. */
    private static final StringCache STRINGS = new StringCache(4096);

    private FactsExtractor() {
    }

    /**
     * Reduces one read file to its facts.
     *
     * @param relativePath the file's path relative to the study folder, {@code /} separators
     * @throws DicomReadException {@link ReasonCode#DICOMDIR} (to be skipped), {@link ReasonCode#MISSING_UIDS},
     *                            {@link ReasonCode#MISSING_SOP_CLASS}, {@link ReasonCode#INVALID_UID} (a series
     *                            or SOP instance UID that is not a valid FHIR id); messages name tags, never values
     */
    public static InstanceFacts extract(String relativePath, DicomReadResult read) throws DicomReadException {
        DicomDataSet ds = read.dataSet();
        String mediaStorageSopClass = text(read.fileMeta(), Tags.MEDIA_STORAGE_SOP_CLASS_UID);
        String sopClass = text(ds, Tags.SOP_CLASS_UID);
        if (DICOMDIR_SOP_CLASS.equals(mediaStorageSopClass) || DICOMDIR_SOP_CLASS.equals(sopClass)) {
            throw new DicomReadException(ReasonCode.DICOMDIR,
                    "a DICOMDIR (media storage directory); the files it references are not followed");
        }

        String studyUid = text(ds, Tags.STUDY_INSTANCE_UID);
        String seriesUid = text(ds, Tags.SERIES_INSTANCE_UID);
        String sopInstanceUid = text(ds, Tags.SOP_INSTANCE_UID);
        requireUids(studyUid, seriesUid, sopInstanceUid, read.damage());

        List<Warning> warnings = new ArrayList<>(read.warnings());
        if (read.damage() != null) {
            // damage after the UIDs: the file is usable, the damaged attribute and those after it are absent
            warnings.add(new Warning(WarningCode.forDamage(read.damage().reason()),
                    sentence(read.damage().message()) + " The elements before it were kept."));
        }
        if (sopClass == null) {
            if (mediaStorageSopClass == null) {
                throw new DicomReadException(ReasonCode.MISSING_SOP_CLASS, "no SOP Class UID: neither "
                        + Tags.format(Tags.SOP_CLASS_UID) + " SOPClassUID nor "
                        + Tags.format(Tags.MEDIA_STORAGE_SOP_CLASS_UID) + " MediaStorageSOPClassUID is present",
                        Tags.SOP_CLASS_UID, DicomReadException.NO_OFFSET);
            }
            sopClass = mediaStorageSopClass;
            warnings.add(new Warning(WarningCode.SOP_CLASS_FROM_FILE_META, Tags.format(Tags.SOP_CLASS_UID)
                    + " SOPClassUID is missing; " + Tags.format(Tags.MEDIA_STORAGE_SOP_CLASS_UID)
                    + " MediaStorageSOPClassUID of the File Meta Information was used"));
        }

        requireFhirId(seriesUid, Tags.SERIES_INSTANCE_UID, "SeriesInstanceUID");
        requireFhirId(sopInstanceUid, Tags.SOP_INSTANCE_UID, "SOPInstanceUID");

        Groups groups = groups(ds);
        return new InstanceFacts(relativePath, intern(studyUid), intern(seriesUid), sopInstanceUid, intern(sopClass),
                text(ds, Tags.INSTANCE_NUMBER), title(ds), intern(text(ds, Tags.IMAGE_LATERALITY)),
                intern(text(ds, Tags.TIMEZONE_OFFSET_FROM_UTC)), groups.patient(), groups.study(), groups.series(),
                warnings.isEmpty() ? List.of() : warnings);
    }

    /** The patient, study and series values of a data set, and the data set they were extracted from. */
    private record Groups(DicomDataSet dataSet, InstanceFacts.Patient patient, InstanceFacts.Study study,
            InstanceFacts.Series series) {
    }

    /** The last file's groups on each thread (one small data set per thread that extracted). */
    private static final ThreadLocal<Groups> LAST_GROUPS = new ThreadLocal<>();

    /**
     * The patient, study and series values of {@code ds}. When every element but those of the instance's own facts is
     * the one (or equal to the one) of the file before on this thread, they are that file's values: the files of a
     * series repeat them, and the part10 reader hands out a repeated value as the same element (benchmarks/README.md,
     * "Batch (issue 13)"), so most files are compared, not extracted again.
     */
    private static Groups groups(DicomDataSet ds) {
        Groups last = LAST_GROUPS.get();
        if (last != null && sameGroupElements(last.dataSet(), ds)) {
            return last; // compared with the file they were extracted from: its group elements equal this one's
        }
        InstanceFacts.Patient patient = new InstanceFacts.Patient(
                text(ds, Tags.PATIENT_NAME), text(ds, Tags.PATIENT_ID), text(ds, Tags.ISSUER_OF_PATIENT_ID),
                issuer(ds, Tags.ISSUER_OF_PATIENT_ID_QUALIFIERS_SEQUENCE), text(ds, Tags.PATIENT_SEX),
                text(ds, Tags.PATIENT_BIRTH_DATE), otherPatientIds(ds));
        InstanceFacts.Study study = new InstanceFacts.Study(
                text(ds, Tags.STUDY_DATE), text(ds, Tags.STUDY_TIME), text(ds, Tags.STUDY_DESCRIPTION),
                text(ds, Tags.ACCESSION_NUMBER), issuer(ds, Tags.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE),
                codes(ds, Tags.PROCEDURE_CODE_SEQUENCE), reasons(ds), text(ds, Tags.STUDY_ID),
                first(people(ds, Tags.REFERRING_PHYSICIAN_NAME, Tags.REFERRING_PHYSICIAN_IDENTIFICATION_SEQUENCE)),
                people(ds, Tags.NAME_OF_PHYSICIANS_READING_STUDY, Tags.PHYSICIANS_READING_STUDY_IDENTIFICATION_SEQUENCE),
                requests(ds), text(ds, Tags.PERFORMED_LOCATION), text(ds, Tags.ADMISSION_ID),
                issuer(ds, Tags.ISSUER_OF_ADMISSION_ID_SEQUENCE));
        InstanceFacts.Series series = new InstanceFacts.Series(
                intern(text(ds, Tags.MODALITY)), text(ds, Tags.SERIES_NUMBER), text(ds, Tags.SERIES_DESCRIPTION),
                text(ds, Tags.SERIES_DATE), text(ds, Tags.SERIES_TIME), intern(text(ds, Tags.BODY_PART_EXAMINED)),
                intern(text(ds, Tags.LATERALITY)), anatomicRegion(ds), intern(frameLaterality(ds)),
                people(ds, Tags.PERFORMING_PHYSICIAN_NAME, Tags.PERFORMING_PHYSICIAN_IDENTIFICATION_SEQUENCE),
                people(ds, Tags.OPERATORS_NAME, Tags.OPERATOR_IDENTIFICATION_SEQUENCE), equipment(ds),
                intern(text(ds, Tags.INSTITUTION_NAME)), text(ds, Tags.INSTITUTION_ADDRESS),
                intern(text(ds, Tags.INSTITUTIONAL_DEPARTMENT_NAME)), specimens(ds));
        Groups groups = new Groups(ds, patient, study, series);
        LAST_GROUPS.set(groups);
        return groups;
    }

    /** Whether two data sets hold the same elements, those read into an instance's own facts aside. */
    private static boolean sameGroupElements(DicomDataSet a, DicomDataSet b) {
        if (a == b) {
            return true;
        }
        List<DicomElement> x = a.elements();
        List<DicomElement> y = b.elements();
        int i = 0;
        int j = 0;
        while (true) {
            while (i < x.size() && instanceOnly(x.get(i).tag())) {
                i++;
            }
            while (j < y.size() && instanceOnly(y.get(j).tag())) {
                j++;
            }
            if (i == x.size() || j == y.size()) {
                return i == x.size() && j == y.size();
            }
            DicomElement e = x.get(i++);
            DicomElement f = y.get(j++);
            if (e != f && !e.equals(f)) {
                return false;
            }
        }
    }

    /** The tags {@link #extract} reads into the instance's own facts and never into its patient, study or series. */
    private static boolean instanceOnly(int tag) {
        return switch (tag) {
            case Tags.SOP_INSTANCE_UID, Tags.SOP_CLASS_UID, Tags.INSTANCE_NUMBER, Tags.IMAGE_TYPE,
                    Tags.CONCEPT_NAME_CODE_SEQUENCE, Tags.DOCUMENT_TITLE, Tags.CONTENT_LABEL, Tags.IMAGE_LATERALITY,
                    Tags.TIMEZONE_OFFSET_FROM_UTC -> true;
            default -> false;
        };
    }

    private static void requireUids(String studyUid, String seriesUid, String sopInstanceUid, ReadDamage damage)
            throws DicomReadException {
        if ((studyUid == null || seriesUid == null || sopInstanceUid == null) && damage != null) {
            // Damage before the UIDs explains their absence better than "missing" (reliability.md: TRUNCATED...).
            String what = damage.message().endsWith(".") ? damage.message().substring(0, damage.message().length() - 1)
                    : damage.message();
            throw new DicomReadException(damage.reason(), what + "; the study, series and SOP instance UIDs were not all read",
                    damage.tag(), damage.offset());
        }
        if (studyUid == null && seriesUid == null && sopInstanceUid == null) {
            // A complete data set that names no instance at all (e.g. a bare DICOM-encoded fragment) is not a
            // DICOM instance: skipped, as reliability.md's table lists "a file with no Study/Series/SOP Instance UID".
            throw new DicomReadException(ReasonCode.NOT_AN_INSTANCE, "the data set has none of "
                    + Tags.format(Tags.STUDY_INSTANCE_UID) + ", " + Tags.format(Tags.SERIES_INSTANCE_UID) + " and "
                    + Tags.format(Tags.SOP_INSTANCE_UID) + ": it is not a DICOM instance");
        }
        StringJoiner missing = new StringJoiner(", ");
        int firstMissing = DicomReadException.NO_TAG;
        if (studyUid == null) {
            missing.add(Tags.format(Tags.STUDY_INSTANCE_UID) + " StudyInstanceUID");
            firstMissing = Tags.STUDY_INSTANCE_UID;
        }
        if (seriesUid == null) {
            missing.add(Tags.format(Tags.SERIES_INSTANCE_UID) + " SeriesInstanceUID");
            firstMissing = firstMissing == DicomReadException.NO_TAG ? Tags.SERIES_INSTANCE_UID : firstMissing;
        }
        if (sopInstanceUid == null) {
            missing.add(Tags.format(Tags.SOP_INSTANCE_UID) + " SOPInstanceUID");
            firstMissing = firstMissing == DicomReadException.NO_TAG ? Tags.SOP_INSTANCE_UID : firstMissing;
        }
        if (firstMissing != DicomReadException.NO_TAG) {
            throw new DicomReadException(ReasonCode.MISSING_UIDS, "the data set has no " + missing
                    + "; an instance needs its study, series and SOP instance UIDs", firstMissing,
                    DicomReadException.NO_OFFSET);
        }
    }

    /** The message as a sentence: ends with a full stop. */
    private static String sentence(String message) {
        return message.endsWith(".") ? message : message + ".";
    }

    private static void requireFhirId(String uid, int tag, String keyword) throws DicomReadException {
        if (!isFhirId(uid)) {
            // the value may be garbage or long: name the tag only
            throw new DicomReadException(ReasonCode.INVALID_UID, Tags.format(tag) + " " + keyword
                    + " is not a valid FHIR id (at most 64 letters, digits, '-' or '.')", tag,
                    DicomReadException.NO_OFFSET);
        }
    }

    /** FHIR's id rule, {@code [A-Za-z0-9\-.]{1,64}}, by hand: a regular expression cost 5 % of a file's reading. */
    static boolean isFhirId(String s) {
        int n = s.length();
        if (n < 1 || n > 64) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean ok = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The first value, trimmed of padding (spaces, NUL); null when absent or empty. */
    private static String text(DicomDataSet ds, int tag) {
        return Text.clean(ds.string(tag));
    }

    private static String intern(String value) {
        return STRINGS.share(value);
    }

    /** The first item's Universal Entity ID and type; null when there is neither. */
    private static InstanceFacts.Issuer issuer(DicomDataSet ds, int sequenceTag) {
        List<DicomDataSet> items = ds.items(sequenceTag);
        if (items.isEmpty()) {
            return null;
        }
        DicomDataSet item = items.get(0);
        String id = text(item, Tags.UNIVERSAL_ENTITY_ID);
        String type = text(item, Tags.UNIVERSAL_ENTITY_ID_TYPE);
        String local = text(item, Tags.LOCAL_NAMESPACE_ENTITY_ID);
        return id == null && type == null && local == null ? null
                : new InstanceFacts.Issuer(id, intern(type), local);
    }

    private static <T> T first(List<T> values) {
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * Every value of a PN attribute with the identification item at its position (PS3.3 Person Identification
     * Macro: item n identifies value n); an item beyond the values is a person known only by identification.
     */
    private static List<InstanceFacts.Person> people(DicomDataSet ds, int nameTag, int identificationTag) {
        List<String> names = ds.strings(nameTag);
        List<DicomDataSet> items = ds.items(identificationTag);
        int n = Math.max(names.size(), items.size());
        if (n == 0) {
            return List.of();
        }
        List<InstanceFacts.Person> people = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = i < names.size() ? Text.clean(names.get(i)) : null;
            List<InstanceFacts.Code> ids = i < items.size()
                    ? codes(items.get(i), Tags.PERSON_IDENTIFICATION_CODE_SEQUENCE) : List.of();
            if (name != null || !ids.isEmpty()) {
                people.add(new InstanceFacts.Person(name, ids));
            }
        }
        return people;
    }

    /** One request per (0040,0275) item, else the top-level request attributes; only those with any value. */
    private static List<InstanceFacts.Request> requests(DicomDataSet ds) {
        List<InstanceFacts.Request> requests = new ArrayList<>(1);
        List<DicomDataSet> items = ds.items(Tags.REQUEST_ATTRIBUTES_SEQUENCE);
        if (items.isEmpty()) {
            addRequest(ds, ds, requests);
        }
        for (DicomDataSet item : items) {
            addRequest(item, ds, requests);
        }
        return requests;
    }

    private static void addRequest(DicomDataSet item, DicomDataSet top, List<InstanceFacts.Request> requests) {
        String accession = text(item, Tags.ACCESSION_NUMBER);
        InstanceFacts.Issuer accessionIssuer = issuer(item, Tags.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE);
        if (accession == null && item != top) {
            // the item names no accession: the request is part of the data set's
            accession = text(top, Tags.ACCESSION_NUMBER);
            accessionIssuer = issuer(top, Tags.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE);
        }
        String procedureId = text(item, Tags.REQUESTED_PROCEDURE_ID);
        List<InstanceFacts.Code> codes = codes(item, Tags.REQUESTED_PROCEDURE_CODE_SEQUENCE);
        String placer = text(item, Tags.PLACER_ORDER_NUMBER);
        String filler = text(item, Tags.FILLER_ORDER_NUMBER);
        if (accession != null || procedureId != null || !codes.isEmpty() || placer != null || filler != null) {
            requests.add(new InstanceFacts.Request(accession, accessionIssuer, procedureId, codes, placer,
                    issuer(item, Tags.ORDER_PLACER_IDENTIFIER_SEQUENCE), filler,
                    issuer(item, Tags.ORDER_FILLER_IDENTIFIER_SEQUENCE)));
        }
    }

    private static List<InstanceFacts.OtherPatientId> otherPatientIds(DicomDataSet ds) {
        List<DicomDataSet> items = ds.items(Tags.OTHER_PATIENT_IDS_SEQUENCE);
        if (items.isEmpty()) {
            return List.of();
        }
        List<InstanceFacts.OtherPatientId> ids = new ArrayList<>(items.size());
        for (DicomDataSet item : items) {
            String id = text(item, Tags.PATIENT_ID);
            if (id != null) {
                ids.add(new InstanceFacts.OtherPatientId(id, text(item, Tags.ISSUER_OF_PATIENT_ID),
                        issuer(item, Tags.ISSUER_OF_PATIENT_ID_QUALIFIERS_SEQUENCE)));
            }
        }
        return ids;
    }

    /** The Frame Anatomy item of the Shared Functional Groups, or null; per-frame groups are never read. */
    private static DicomDataSet sharedFrameAnatomy(DicomDataSet ds) {
        for (DicomDataSet shared : ds.items(Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE)) {
            for (DicomDataSet anatomy : shared.items(Tags.FRAME_ANATOMY_SEQUENCE)) {
                return anatomy;
            }
        }
        return null;
    }

    private static InstanceFacts.Region anatomicRegion(DicomDataSet ds) {
        List<DicomDataSet> items = ds.items(Tags.ANATOMIC_REGION_SEQUENCE);
        if (items.isEmpty()) {
            DicomDataSet anatomy = sharedFrameAnatomy(ds);
            items = anatomy == null ? List.of() : anatomy.items(Tags.ANATOMIC_REGION_SEQUENCE);
        }
        if (items.isEmpty()) {
            return null;
        }
        InstanceFacts.Code code = code(items.get(0));
        List<InstanceFacts.Code> modifiers = codes(items.get(0), Tags.ANATOMIC_REGION_MODIFIER_SEQUENCE);
        return code == null && modifiers.isEmpty() ? null : new InstanceFacts.Region(code, modifiers);
    }

    private static String frameLaterality(DicomDataSet ds) {
        DicomDataSet anatomy = sharedFrameAnatomy(ds);
        return anatomy == null ? null : text(anatomy, Tags.FRAME_LATERALITY);
    }

    private static InstanceFacts.Equipment equipment(DicomDataSet ds) {
        String manufacturer = intern(text(ds, Tags.MANUFACTURER));
        String model = intern(text(ds, Tags.MANUFACTURER_MODEL_NAME));
        String serial = intern(text(ds, Tags.DEVICE_SERIAL_NUMBER));
        String deviceUid = intern(text(ds, Tags.DEVICE_UID));
        List<String> versions = new ArrayList<>(0);
        for (String v : ds.strings(Tags.SOFTWARE_VERSIONS)) {
            String clean = Text.clean(v);
            if (clean != null) {
                versions.add(intern(clean));
            }
        }
        String station = intern(text(ds, Tags.STATION_NAME));
        String udi = null;
        for (DicomDataSet item : ds.items(Tags.UDI_SEQUENCE)) {
            udi = intern(text(item, Tags.UNIQUE_DEVICE_IDENTIFIER));
            if (udi != null) {
                break;
            }
        }
        if (manufacturer == null && model == null && serial == null && deviceUid == null && versions.isEmpty()
                && station == null && udi == null) {
            return null;
        }
        return new InstanceFacts.Equipment(manufacturer, model, serial, deviceUid, versions,
                station, udi);
    }

    private static List<InstanceFacts.Specimen> specimens(DicomDataSet ds) {
        List<DicomDataSet> items = ds.items(Tags.SPECIMEN_DESCRIPTION_SEQUENCE);
        if (items.isEmpty()) {
            return List.of();
        }
        List<InstanceFacts.Specimen> specimens = new ArrayList<>(items.size());
        for (DicomDataSet item : items) {
            String id = text(item, Tags.SPECIMEN_IDENTIFIER);
            if (id != null) {
                specimens.add(new InstanceFacts.Specimen(id, issuer(item, Tags.ISSUER_OF_THE_SPECIMEN_IDENTIFIER_SEQUENCE)));
            }
        }
        return specimens;
    }

    private static List<InstanceFacts.Code> codes(DicomDataSet ds, int sequenceTag) {
        List<DicomDataSet> items = ds.items(sequenceTag);
        if (items.isEmpty()) {
            return List.of();
        }
        List<InstanceFacts.Code> codes = new ArrayList<>(items.size());
        for (DicomDataSet item : items) {
            InstanceFacts.Code code = code(item);
            if (code != null) {
                codes.add(code);
            }
        }
        return codes;
    }

    /** A code item; null when it has neither a code nor a meaning. */
    private static InstanceFacts.Code code(DicomDataSet item) {
        String value = text(item, Tags.CODE_VALUE);
        if (value == null) {
            value = text(item, LONG_CODE_VALUE);
        }
        String scheme = text(item, Tags.CODING_SCHEME_DESIGNATOR);
        String meaning = text(item, Tags.CODE_MEANING);
        return value != null || meaning != null ? new InstanceFacts.Code(value, intern(scheme), meaning) : null;
    }

    /** The top-level reason, then that of each (0040,0275) Request Attributes item, each only when it has one. */
    private static List<InstanceFacts.Reason> reasons(DicomDataSet ds) {
        List<InstanceFacts.Reason> reasons = new ArrayList<>(1);
        addReason(ds, reasons);
        for (DicomDataSet request : ds.items(Tags.REQUEST_ATTRIBUTES_SEQUENCE)) {
            addReason(request, reasons);
        }
        return reasons;
    }

    private static void addReason(DicomDataSet ds, List<InstanceFacts.Reason> reasons) {
        List<InstanceFacts.Code> codes = codes(ds, Tags.REASON_FOR_REQUESTED_PROCEDURE_CODE_SEQUENCE);
        String text = text(ds, Tags.REASON_FOR_THE_REQUESTED_PROCEDURE);
        if (!codes.isEmpty() || text != null) {
            reasons.add(new InstanceFacts.Reason(codes, text));
        }
    }

    /**
     * The first non-empty of: a Concept Name Code Sequence item's Code Meaning (SR, KOS), Document Title,
     * Content Label, the Image Type values joined with a backslash.
     */
    private static String title(DicomDataSet ds) {
        for (DicomDataSet item : ds.items(Tags.CONCEPT_NAME_CODE_SEQUENCE)) {
            String meaning = text(item, Tags.CODE_MEANING);
            if (meaning != null) {
                return intern(meaning);
            }
        }
        String documentTitle = text(ds, Tags.DOCUMENT_TITLE);
        if (documentTitle != null) {
            return documentTitle;
        }
        String contentLabel = text(ds, Tags.CONTENT_LABEL);
        if (contentLabel != null) {
            return contentLabel;
        }
        return intern(imageType(ds.strings(Tags.IMAGE_TYPE)));
    }

    /** {@code DERIVED\PRIMARY\IT}: values trimmed, empty trailing values dropped; null when all are empty. */
    private static String imageType(List<String> values) {
        int end = values.size();
        while (end > 0 && Text.clean(values.get(end - 1)) == null) {
            end--;
        }
        if (end == 0) {
            return null;
        }
        StringJoiner joined = new StringJoiner("\\");
        for (int i = 0; i < end; i++) {
            String v = Text.clean(values.get(i));
            joined.add(v == null ? "" : v);
        }
        return joined.toString();
    }
}
