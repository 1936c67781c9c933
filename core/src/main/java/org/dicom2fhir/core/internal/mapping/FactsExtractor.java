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
            Tags.CONCEPT_NAME_CODE_SEQUENCE, Tags.DOCUMENT_TITLE, Tags.CONTENT_LABEL);

    /** Shared repeated values; 4,096 slots: far more distinct repeated values than a study holds. */
    private static final StringCache STRINGS = new StringCache(4096);
    private static final Interner<InstanceFacts.Patient> PATIENTS = new Interner<>();
    private static final Interner<InstanceFacts.Study> STUDIES = new Interner<>();
    private static final Interner<InstanceFacts.Series> SERIES = new Interner<>();

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

        InstanceFacts.Patient patient = PATIENTS.intern(new InstanceFacts.Patient(
                text(ds, Tags.PATIENT_NAME), text(ds, Tags.PATIENT_ID), text(ds, Tags.ISSUER_OF_PATIENT_ID),
                issuer(ds, Tags.ISSUER_OF_PATIENT_ID_QUALIFIERS_SEQUENCE), text(ds, Tags.PATIENT_SEX),
                text(ds, Tags.PATIENT_BIRTH_DATE)));
        InstanceFacts.Study study = STUDIES.intern(new InstanceFacts.Study(
                text(ds, Tags.STUDY_DATE), text(ds, Tags.STUDY_TIME), text(ds, Tags.STUDY_DESCRIPTION),
                text(ds, Tags.ACCESSION_NUMBER), issuer(ds, Tags.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE),
                codes(ds, Tags.PROCEDURE_CODE_SEQUENCE), reasons(ds)));
        InstanceFacts.Series series = SERIES.intern(new InstanceFacts.Series(
                intern(text(ds, Tags.MODALITY)), text(ds, Tags.SERIES_NUMBER), text(ds, Tags.SERIES_DESCRIPTION),
                text(ds, Tags.SERIES_DATE), text(ds, Tags.SERIES_TIME), intern(text(ds, Tags.BODY_PART_EXAMINED)),
                intern(text(ds, Tags.LATERALITY))));

        return new InstanceFacts(relativePath, intern(studyUid), intern(seriesUid), sopInstanceUid, intern(sopClass),
                text(ds, Tags.INSTANCE_NUMBER), title(ds), intern(text(ds, Tags.IMAGE_LATERALITY)),
                intern(text(ds, Tags.TIMEZONE_OFFSET_FROM_UTC)), patient, study, series,
                warnings.isEmpty() ? List.of() : warnings);
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
        return id == null && type == null ? null : new InstanceFacts.Issuer(id, intern(type));
    }

    private static List<InstanceFacts.Code> codes(DicomDataSet ds, int sequenceTag) {
        List<DicomDataSet> items = ds.items(sequenceTag);
        if (items.isEmpty()) {
            return List.of();
        }
        List<InstanceFacts.Code> codes = new ArrayList<>(items.size());
        for (DicomDataSet item : items) {
            String value = text(item, Tags.CODE_VALUE);
            if (value == null) {
                value = text(item, LONG_CODE_VALUE);
            }
            String scheme = text(item, Tags.CODING_SCHEME_DESIGNATOR);
            String meaning = text(item, Tags.CODE_MEANING);
            if (value != null || meaning != null) {
                codes.add(new InstanceFacts.Code(value, intern(scheme), meaning));
            }
        }
        return codes;
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
