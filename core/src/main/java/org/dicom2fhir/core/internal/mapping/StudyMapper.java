package org.dicom2fhir.core.internal.mapping;

import org.dicom2fhir.api.WarningCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.dicom2fhir.api.model.CodingData;
import org.dicom2fhir.api.model.ConceptData;
import org.dicom2fhir.api.model.EndpointData;
import org.dicom2fhir.api.model.FhirTerms;
import org.dicom2fhir.api.model.IdentifierData;
import org.dicom2fhir.api.model.InstanceData;
import org.dicom2fhir.api.model.PatientData;
import org.dicom2fhir.api.model.SeriesData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.core.IdStrategy;
import org.dicom2fhir.core.InstanceFacts;

/** The facts of one study -> the neutral {@link StudyData}, by the rules of mapping.md. */
public final class StudyMapper {
    static final String MISSING_MODALITY_CODE = "OT";
    static final String ID_NAME_PREFIX = "dicom2fhir:";

    private static final ConceptData MR = ConceptData.of(CodingData.of(FhirTerms.V2_0203_SYSTEM, "MR", null));
    private static final ConceptData ACSN = ConceptData.of(CodingData.of(FhirTerms.V2_0203_SYSTEM, "ACSN", null));
    private static final String USUAL = "usual";

    /** Numbered first, by number; the unnumbered after them; ties and the unnumbered by UID. */
    private static final Comparator<Integer> NUMBER_ORDER = Comparator.nullsLast(Comparator.naturalOrder());
    private static final Comparator<SeriesData> SERIES_ORDER =
            Comparator.comparing(SeriesData::number, NUMBER_ORDER).thenComparing(SeriesData::uid);
    private static final Comparator<InstanceData> INSTANCE_ORDER =
            Comparator.comparing(InstanceData::number, NUMBER_ORDER).thenComparing(InstanceData::uid);

    private StudyMapper() {
    }

    /**
     * Maps all instances of ONE study, in any order, to the neutral study and the run-level warnings
     * (conflicts naming the attribute, NO_TIMEZONE once, missing modality, invalid dates...).
     * Deterministic except for a random id when asked for. Should a SOP Instance UID occur twice, the
     * instance of the first file in sorted path order is used.
     *
     * @throws IllegalArgumentException when there are no instances or they belong to several studies
     */
    public static MappedStudy map(List<InstanceFacts> instances, MappingOptions options) {
        Objects.requireNonNull(options, "options");
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("a study needs at least one instance");
        }
        List<InstanceFacts> byPath = byPathWithoutDuplicates(instances);
        String studyUid = byPath.get(0).studyInstanceUid();
        for (InstanceFacts f : byPath) {
            if (!studyUid.equals(f.studyInstanceUid())) {
                throw new IllegalArgumentException("the instances belong to more than one study: " + studyUid
                        + " and " + f.studyInstanceUid());
            }
        }

        Warnings warnings = new Warnings();
        Dates dates = new Dates(options.timezone(), warnings);
        Votes votes = new Votes(byPath, "instances", warnings);

        PatientData patient = patient(votes, dates);
        List<IdentifierData> identifiers = new ArrayList<>(2);
        String accession = votes.studyValue(Attr.ACCESSION_NUMBER, InstanceFacts.Study::accessionNumber);
        if (accession != null) {
            InstanceFacts.Issuer issuer = votes.studyValue(Attr.ISSUER_OF_ACCESSION_NUMBER,
                    InstanceFacts.Study::accessionIssuer);
            identifiers.add(new IdentifierData(USUAL, ACSN, Issuers.system(issuer), accession, null));
        }
        identifiers.add(new IdentifierData(null, null, FhirTerms.DICOM_UID_SYSTEM, "urn:oid:" + studyUid, null));

        String started = dates.started(votes.studyValue(Attr.STUDY_DATE, InstanceFacts.Study::date), Attr.STUDY_DATE,
                votes.studyValue(Attr.STUDY_TIME, InstanceFacts.Study::time), Attr.STUDY_TIME,
                () -> votes.value(Attr.TIMEZONE_OFFSET, InstanceFacts::timezoneOffset), "", "started");
        String description = votes.studyValue(Attr.STUDY_DESCRIPTION, InstanceFacts.Study::description);
        List<ConceptData> procedureCodes = procedureCodes(
                votes.studyValue(Attr.PROCEDURE_CODES, InstanceFacts.Study::procedureCodes));
        List<ConceptData> reasonCodes = reasonCodes(votes.studyValue(Attr.REASONS, InstanceFacts.Study::reasons));

        List<SeriesData> series = series(byPath, dates, warnings, new HashMap<>());
        Set<CodingData> modalities = new LinkedHashSet<>();
        for (SeriesData s : series) {
            modalities.add(s.modality());
        }
        EndpointData endpoint = options.endpointBaseUrl() == null ? null
                : new EndpointData(options.endpointBaseUrl());

        StudyData study = new StudyData(id(studyUid, options.idStrategy()), identifiers, patient,
                List.copyOf(modalities), started, description, endpoint, procedureCodes, reasonCodes, series);
        return new MappedStudy(study, warnings.list());
    }

    /** The ImagingStudy id: name-based (version 3) UUID of the study UID, or a random one. */
    static String id(String studyUid, IdStrategy strategy) {
        return switch (strategy) {
            case UID -> UUID.nameUUIDFromBytes((ID_NAME_PREFIX + studyUid).getBytes(StandardCharsets.UTF_8))
                    .toString();
            case RANDOM -> UUID.randomUUID().toString();
        };
    }

    private static List<InstanceFacts> byPathWithoutDuplicates(List<InstanceFacts> instances) {
        List<InstanceFacts> sorted = new ArrayList<>(instances);
        sorted.sort(Comparator.comparing(InstanceFacts::path).thenComparing(InstanceFacts::sopInstanceUid));
        Set<String> seen = new HashSet<>();
        sorted.removeIf(f -> !seen.add(f.sopInstanceUid()));
        return sorted;
    }

    private static PatientData patient(Votes votes, Dates dates) {
        List<IdentifierData> identifiers = List.of();
        String id = votes.patientValue(Attr.PATIENT_ID, InstanceFacts.Patient::id);
        if (id != null) {
            String assigner = votes.patientValue(Attr.ISSUER_OF_PATIENT_ID, InstanceFacts.Patient::issuerOfId);
            InstanceFacts.Issuer issuer = votes.patientValue(Attr.ISSUER_OF_PATIENT_ID_QUALIFIERS,
                    InstanceFacts.Patient::idIssuer);
            identifiers = List.of(new IdentifierData(USUAL, MR, Issuers.system(issuer), id, assigner));
        }
        String name = votes.patientValue(Attr.PATIENT_NAME, InstanceFacts.Patient::name);
        String sex = votes.patientValue(Attr.PATIENT_SEX, InstanceFacts.Patient::sex);
        String birthDate = dates.date(votes.patientValue(Attr.PATIENT_BIRTH_DATE, InstanceFacts.Patient::birthDate),
                Attr.PATIENT_BIRTH_DATE, "birthDate");
        return new PatientData(identifiers, PersonNames.names(name), gender(sex), birthDate);
    }

    /** M, F, O (trimmed, any case) -> male, female, other; anything else -> unknown. */
    static String gender(String sex) {
        String value = Text.clean(sex);
        if (value == null) {
            return "unknown";
        }
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "M" -> "male";
            case "F" -> "female";
            case "O" -> "other";
            default -> "unknown";
        };
    }

    private static List<ConceptData> procedureCodes(List<InstanceFacts.Code> codes) {
        if (codes == null) {
            return List.of();
        }
        Set<ConceptData> concepts = new LinkedHashSet<>();
        for (InstanceFacts.Code code : codes) {
            ConceptData concept = CodedValues.concept(code);
            if (concept != null) {
                concepts.add(concept);
            }
        }
        return List.copyOf(concepts);
    }

    /** Each request's codes as concepts; a request's text alone as {@code {text}} when it has no code. */
    private static List<ConceptData> reasonCodes(List<InstanceFacts.Reason> reasons) {
        if (reasons == null) {
            return List.of();
        }
        Set<ConceptData> concepts = new LinkedHashSet<>();
        for (InstanceFacts.Reason reason : reasons) {
            List<ConceptData> coded = procedureCodes(reason.codes());
            concepts.addAll(coded);
            String text = Text.clean(reason.text());
            if (coded.isEmpty() && text != null) {
                concepts.add(new ConceptData(List.of(), text));
            }
        }
        return List.copyOf(concepts);
    }

    /** @param sopClasses one coding per SOP Class UID, shared by the instances (a study may have a million) */
    private static List<SeriesData> series(List<InstanceFacts> byPath, Dates dates, Warnings warnings,
            Map<String, CodingData> sopClasses) {
        Map<String, List<InstanceFacts>> bySeries = new LinkedHashMap<>();
        for (InstanceFacts f : byPath) {
            bySeries.computeIfAbsent(f.seriesInstanceUid(), k -> new ArrayList<>()).add(f);
        }
        // series in UID order while mapping, so that their warnings come in a stable order
        List<String> uids = new ArrayList<>(bySeries.keySet());
        uids.sort(Comparator.naturalOrder());
        List<SeriesData> series = new ArrayList<>(uids.size());
        for (String uid : uids) {
            series.add(oneSeries(uid, bySeries.get(uid), dates, warnings, sopClasses));
        }
        series.sort(SERIES_ORDER);
        return series;
    }

    /** DCM when the code is a DICOM defined term; else a code we cannot look up (a validator rejects unknown DCM codes). */
    private static CodingData modality(String code, String seriesUid, Warnings warnings) {
        if (DcmCodes.known(code)) {
            return CodingData.of(FhirTerms.DCM_SYSTEM, code, null);
        }
        warnings.add(WarningCode.UNKNOWN_MODALITY, "series " + seriesUid + " has a " + Attr.MODALITY.label()
                + " that is not a DICOM defined term; it is kept without a code system");
        return CodingData.unlooked(code, null);
    }

    private static SeriesData oneSeries(String uid, List<InstanceFacts> byPath, Dates dates, Warnings warnings,
            Map<String, CodingData> sopClasses) {
        String where = " of series " + uid;
        Votes votes = new Votes(byPath, "instances of series " + uid, warnings);

        String modalityCode = Text.code(votes.seriesValue(Attr.MODALITY, InstanceFacts.Series::modality));
        if (modalityCode == null) {
            modalityCode = MISSING_MODALITY_CODE;
            warnings.add(WarningCode.MISSING_MODALITY, "series " + uid + " has no " + Attr.MODALITY.label()
                    + "; " + MISSING_MODALITY_CODE + " (other) was used");
        }
        CodingData modality = modality(modalityCode, uid, warnings);
        Integer number = IntegerStrings.nonNegative(votes.seriesValue(Attr.SERIES_NUMBER, InstanceFacts.Series::number));
        String description = votes.seriesValue(Attr.SERIES_DESCRIPTION, InstanceFacts.Series::description);
        String started = dates.started(votes.seriesValue(Attr.SERIES_DATE, InstanceFacts.Series::date), Attr.SERIES_DATE,
                votes.seriesValue(Attr.SERIES_TIME, InstanceFacts.Series::time), Attr.SERIES_TIME,
                () -> votes.value(Attr.TIMEZONE_OFFSET, InstanceFacts::timezoneOffset), where, "series.started");
        CodingData bodySite = BodyParts.bodySite(
                votes.seriesValue(Attr.BODY_PART_EXAMINED, InstanceFacts.Series::bodyPart));
        CodingData laterality = laterality(votes, byPath);

        List<InstanceData> instances = new ArrayList<>(byPath.size());
        for (InstanceFacts f : byPath) {
            instances.add(instance(f, sopClasses));
        }
        instances.sort(INSTANCE_ORDER);
        return new SeriesData(uid, number, modality, description, started, bodySite, laterality, instances);
    }

    /** Laterality when any instance has one; else Image Laterality when every instance has the same one. */
    private static CodingData laterality(Votes votes, List<InstanceFacts> instances) {
        String laterality = votes.seriesValue(Attr.LATERALITY, InstanceFacts.Series::laterality);
        if (laterality != null) {
            return Laterality.coding(laterality);
        }
        String agreed = Text.clean(instances.get(0).imageLaterality());
        if (agreed == null) {
            return null;
        }
        for (InstanceFacts f : instances) {
            if (!agreed.equals(Text.clean(f.imageLaterality()))) {
                return null;
            }
        }
        return Laterality.coding(agreed);
    }

    private static InstanceData instance(InstanceFacts f, Map<String, CodingData> sopClasses) {
        CodingData sopClass = sopClasses.computeIfAbsent(f.sopClassUid(),
                uid -> CodingData.of(FhirTerms.RFC3986_SYSTEM, "urn:oid:" + Text.code(uid), null));
        return new InstanceData(f.sopInstanceUid(), sopClass, IntegerStrings.nonNegative(f.instanceNumber()),
                Text.clean(f.title()));
    }
}
