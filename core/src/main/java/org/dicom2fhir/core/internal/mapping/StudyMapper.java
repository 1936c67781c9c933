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
import org.dicom2fhir.api.model.OrderData;
import org.dicom2fhir.api.model.PerformerData;
import org.dicom2fhir.api.model.PatientData;
import org.dicom2fhir.api.model.SeriesData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.core.IdStrategy;
import org.dicom2fhir.core.InstanceFacts;
import org.dicom2fhir.core.PatientIdSystems;

/** The facts of one study -> the neutral {@link StudyData}, by the rules of mapping.md. */
public final class StudyMapper {
    static final String MISSING_MODALITY_CODE = "OT";
    static final String ID_NAME_PREFIX = "dicom2fhir:";

    private static final ConceptData MR = ConceptData.of(CodingData.of(FhirTerms.V2_0203_SYSTEM, "MR", null));
    private static final ConceptData ACSN = ConceptData.of(CodingData.of(FhirTerms.V2_0203_SYSTEM, "ACSN", null));
    private static final ConceptData VN = ConceptData.of(CodingData.of(FhirTerms.V2_0203_SYSTEM, "VN", null));
    /** No code system has a code for a Study ID or a Requested Procedure ID: the type is a text. */
    private static final ConceptData STUDY_ID_TYPE = new ConceptData(List.of(), "Study ID");
    private static final ConceptData REQUESTED_PROCEDURE_ID_TYPE = new ConceptData(List.of(), "Requested Procedure ID");
    static final CodingData PERFORMER = CodingData.of(FhirTerms.PARTICIPATION_TYPE_SYSTEM, "PRF", "performer");
    static final CodingData SECONDARY_PERFORMER =
            CodingData.of(FhirTerms.PARTICIPATION_TYPE_SYSTEM, "SPRF", "secondary performer");
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

        PatientData patient = patient(votes, dates, options.patientIdSystems());
        Contained contained = new Contained();
        List<IdentifierData> identifiers = new ArrayList<>(3);
        String accession = votes.studyValue(Attr.ACCESSION_NUMBER, InstanceFacts.Study::accessionNumber);
        IdentifierData accessionIdentifier = null;
        if (accession != null) {
            InstanceFacts.Issuer issuer = votes.studyValue(Attr.ISSUER_OF_ACCESSION_NUMBER,
                    InstanceFacts.Study::accessionIssuer);
            accessionIdentifier = accession(accession, issuer);
            identifiers.add(accessionIdentifier);
        }
        identifiers.add(new IdentifierData(null, null, FhirTerms.DICOM_UID_SYSTEM, "urn:oid:" + studyUid, null));
        String studyId = votes.studyValue(Attr.STUDY_ID, InstanceFacts.Study::studyId);
        if (studyId != null) {
            identifiers.add(new IdentifierData(null, STUDY_ID_TYPE, null, studyId, null));
        }
        String referrerId = contained.practitioner(
                votes.studyValue(Attr.REFERRING_PHYSICIAN, InstanceFacts.Study::referrer));
        List<String> interpreterIds = practitioners(contained,
                votes.studyValue(Attr.READING_PHYSICIANS, InstanceFacts.Study::readers));
        List<OrderData> orders = orders(votes.studyValue(Attr.REQUESTS, InstanceFacts.Study::requests),
                accessionIdentifier, contained);
        String locationId = location(votes, contained);
        IdentifierData encounter = encounter(votes);

        String started = dates.started(votes.studyValue(Attr.STUDY_DATE, InstanceFacts.Study::date), Attr.STUDY_DATE,
                votes.studyValue(Attr.STUDY_TIME, InstanceFacts.Study::time), Attr.STUDY_TIME,
                () -> votes.value(Attr.TIMEZONE_OFFSET, InstanceFacts::timezoneOffset), "", "started");
        String description = votes.studyValue(Attr.STUDY_DESCRIPTION, InstanceFacts.Study::description);
        List<ConceptData> procedureCodes = procedureCodes(
                votes.studyValue(Attr.PROCEDURE_CODES, InstanceFacts.Study::procedureCodes));
        List<ConceptData> reasonCodes = reasonCodes(votes.studyValue(Attr.REASONS, InstanceFacts.Study::reasons));

        List<SeriesData> series = series(byPath, dates, warnings, new HashMap<>(), contained);
        Set<CodingData> modalities = new LinkedHashSet<>();
        for (SeriesData s : series) {
            modalities.add(s.modality());
        }
        List<CodingData> acquisitionModalities = modalities.stream()
                .filter(m -> FhirTerms.DCM_SYSTEM.equals(m.system()) && AcquisitionModalities.contains(m.code()))
                .toList();
        EndpointData endpoint = options.endpointBaseUrl() == null ? null
                : new EndpointData(options.endpointBaseUrl());

        StudyData study = new StudyData(id(studyUid, options.idStrategy()), identifiers, patient,
                List.copyOf(modalities), started, description, endpoint, procedureCodes, reasonCodes, series,
                acquisitionModalities, referrerId, interpreterIds, orders, locationId, encounter, contained.data(), null);
        return new MappedStudy(study, warnings.list(), patientConflict(byPath));
    }

    private static IdentifierData accession(String value, InstanceFacts.Issuer issuer) {
        return new IdentifierData(USUAL, ACSN, Issuers.system(issuer), value, null);
    }

    private static List<String> practitioners(Contained contained, List<InstanceFacts.Person> people) {
        if (people == null) {
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (InstanceFacts.Person person : people) {
            String id = contained.practitioner(person);
            if (id != null) {
                ids.add(id);
            }
        }
        return List.copyOf(ids);
    }

    /**
     * One order per requested procedure: a contained ServiceRequest when more than the accession is known,
     * else the accession alone; the study's accession alone when no request is known.
     */
    private static List<OrderData> orders(List<InstanceFacts.Request> requests, IdentifierData studyAccession,
            Contained contained) {
        Set<OrderData> orders = new LinkedHashSet<>();
        for (InstanceFacts.Request request : requests == null ? List.<InstanceFacts.Request>of() : requests) {
            String accessionNumber = Text.clean(request.accessionNumber());
            IdentifierData accession = accessionNumber == null ? null
                    : accession(accessionNumber, request.accessionIssuer());
            List<IdentifierData> identifiers = new ArrayList<>(4);
            if (accession != null) {
                identifiers.add(accession);
            }
            addTyped(identifiers, "PLAC", request.placer(), request.placerIssuer());
            addTyped(identifiers, "FILL", request.filler(), request.fillerIssuer());
            String procedureId = Text.clean(request.requestedProcedureId());
            if (procedureId != null) {
                identifiers.add(new IdentifierData(null, REQUESTED_PROCEDURE_ID_TYPE, null, procedureId, null));
            }
            ConceptData code = null;
            for (InstanceFacts.Code c : request.codes()) {
                code = CodedValues.concept(c); // the sequence holds one item (PS3.3); the first with content
                if (code != null) {
                    break;
                }
            }
            boolean onlyAccession = identifiers.size() == (accession == null ? 0 : 1) && code == null;
            if (onlyAccession) {
                if (accession != null) {
                    orders.add(new OrderData(null, accession));
                }
            } else {
                orders.add(new OrderData(contained.serviceRequest(identifiers, code), accession));
            }
        }
        if (orders.isEmpty() && studyAccession != null) {
            orders.add(new OrderData(null, studyAccession));
        }
        return List.copyOf(orders);
    }

    private static void addTyped(List<IdentifierData> identifiers, String type, String value,
            InstanceFacts.Issuer issuer) {
        String clean = Text.clean(value);
        if (clean != null) {
            identifiers.add(new IdentifierData(null,
                    ConceptData.of(CodingData.of(FhirTerms.V2_0203_SYSTEM, type, null)), Issuers.system(issuer),
                    clean, issuer == null ? null : Text.clean(issuer.localNamespace())));
        }
    }

    /**
     * The place: Performed Location, else the Institutional Department Name, as a Location managed by the
     * institution; the institution alone gives a Location with only its managing organization.
     */
    private static String location(Votes votes, Contained contained) {
        String performed = votes.studyValue(Attr.PERFORMED_LOCATION, InstanceFacts.Study::performedLocation);
        String name = performed != null ? performed
                : votes.seriesValue(Attr.INSTITUTIONAL_DEPARTMENT_NAME, InstanceFacts.Series::department);
        // series-level values voted across the study: over the distinct series records, weighted by instances
        String organizationId = contained.organization(
                votes.seriesValue(Attr.INSTITUTION_NAME, InstanceFacts.Series::institution),
                votes.seriesValue(Attr.INSTITUTION_ADDRESS, InstanceFacts.Series::institutionAddress));
        return contained.location(name, organizationId);
    }

    /** Admission ID (0038,0010) with its issuer: the visit number of an identifier-only Encounter reference. */
    private static IdentifierData encounter(Votes votes) {
        String admissionId = votes.studyValue(Attr.ADMISSION_ID, InstanceFacts.Study::admissionId);
        if (admissionId == null) {
            return null;
        }
        InstanceFacts.Issuer issuer = votes.studyValue(Attr.ISSUER_OF_ADMISSION_ID,
                InstanceFacts.Study::admissionIssuer);
        return new IdentifierData(null, VN, Issuers.system(issuer), admissionId,
                issuer == null ? null : Text.clean(issuer.localNamespace()));
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

    /** Whether the instances hold more than one present value of PatientID, its issuer or its qualifiers. */
    static boolean patientConflict(List<InstanceFacts> byPath) {
        Set<String> ids = new HashSet<>();
        Set<String> issuers = new HashSet<>();
        Set<InstanceFacts.Issuer> qualifiers = new HashSet<>();
        InstanceFacts.Patient last = null;
        for (InstanceFacts f : byPath) {
            if (f.patient() == last) {
                continue; // shared: usually one object for the whole study
            }
            last = f.patient();
            addPresent(ids, Text.clean(last.id()));
            addPresent(issuers, Text.clean(last.issuerOfId()));
            addPresent(qualifiers, last.idIssuer());
        }
        return ids.size() > 1 || issuers.size() > 1 || qualifiers.size() > 1;
    }

    private static <T> void addPresent(Set<T> values, T value) {
        if (value != null) {
            values.add(value);
        }
    }

    /**
     * The system of a Patient ID, the first that applies: the qualifiers' Universal Entity ID; the issuer map by
     * the issuer's text; the default system when neither the issuer nor the qualifiers are there (and only if
     * {@code mayDefault}). A named issuer that maps to nothing gives none.
     */
    static String patientIdSystem(String issuerOfId, InstanceFacts.Issuer qualifiers, PatientIdSystems systems,
            boolean mayDefault) {
        String fromQualifiers = Issuers.system(qualifiers);
        if (fromQualifiers != null) {
            return fromQualifiers;
        }
        String issuer = Text.clean(issuerOfId);
        if (issuer != null) {
            return systems.issuerMap().get(issuer);
        }
        return qualifiers == null && mayDefault ? systems.defaultSystem() : null;
    }

    private static PatientData patient(Votes votes, Dates dates, PatientIdSystems systems) {
        List<IdentifierData> identifiers = List.of();
        String id = votes.patientValue(Attr.PATIENT_ID, InstanceFacts.Patient::id);
        if (id != null) {
            String assigner = votes.patientValue(Attr.ISSUER_OF_PATIENT_ID, InstanceFacts.Patient::issuerOfId);
            InstanceFacts.Issuer issuer = votes.patientValue(Attr.ISSUER_OF_PATIENT_ID_QUALIFIERS,
                    InstanceFacts.Patient::idIssuer);
            identifiers = List.of(new IdentifierData(USUAL, MR, patientIdSystem(assigner, issuer, systems, true), id,
                    assigner));
        }
        List<InstanceFacts.OtherPatientId> others = votes.patientValue(Attr.OTHER_PATIENT_IDS,
                InstanceFacts.Patient::otherIds);
        if (others != null) {
            Set<IdentifierData> all = new LinkedHashSet<>(identifiers);
            for (InstanceFacts.OtherPatientId other : others) {
                // another issuer's identifier of the same patient: typed MR, no use (it is not the usual one)
                // never the default system: another ID is by definition another issuer's
                all.add(new IdentifierData(null, MR, patientIdSystem(other.issuerOfId(), other.issuer(), systems, false),
                        Text.clean(other.id()), Text.clean(other.issuerOfId())));
            }
            identifiers = List.copyOf(all);
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
            Map<String, CodingData> sopClasses, Contained contained) {
        Map<String, List<InstanceFacts>> bySeries = new LinkedHashMap<>();
        for (InstanceFacts f : byPath) {
            bySeries.computeIfAbsent(f.seriesInstanceUid(), k -> new ArrayList<>()).add(f);
        }
        // series in UID order while mapping, so that their warnings come in a stable order
        List<String> uids = new ArrayList<>(bySeries.keySet());
        uids.sort(Comparator.naturalOrder());
        List<SeriesData> series = new ArrayList<>(uids.size());
        for (String uid : uids) {
            series.add(oneSeries(uid, bySeries.get(uid), dates, warnings, sopClasses, contained));
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
            Map<String, CodingData> sopClasses, Contained contained) {
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
        InstanceFacts.Region region = votes.seriesValue(Attr.ANATOMIC_REGION, InstanceFacts.Series::anatomicRegion);
        // the coded Anatomic Region wins over the Body Part Examined term
        CodingData bodySite = region == null || region.code() == null ? null : CodedValues.coding(region.code());
        if (bodySite == null) {
            bodySite = BodyParts.bodySite(votes.seriesValue(Attr.BODY_PART_EXAMINED, InstanceFacts.Series::bodyPart));
        }
        CodingData laterality = laterality(votes, byPath, region, uid, warnings);

        List<InstanceData> instances = new ArrayList<>(byPath.size());
        for (InstanceFacts f : byPath) {
            instances.add(instance(f, sopClasses));
        }
        instances.sort(INSTANCE_ORDER);
        return new SeriesData(uid, number, modality, description, started, bodySite, laterality, instances,
                performers(votes, contained), specimens(byPath, contained));
    }

    /** Performing physicians (PRF), operators (SPRF), then the equipment as a Device (no function). */
    private static List<PerformerData> performers(Votes votes, Contained contained) {
        Set<PerformerData> performers = new LinkedHashSet<>();
        for (String id : practitioners(contained,
                votes.seriesValue(Attr.PERFORMING_PHYSICIANS, InstanceFacts.Series::performers))) {
            performers.add(new PerformerData(PERFORMER, id));
        }
        for (String id : practitioners(contained, votes.seriesValue(Attr.OPERATORS, InstanceFacts.Series::operators))) {
            performers.add(new PerformerData(SECONDARY_PERFORMER, id));
        }
        InstanceFacts.Equipment equipment = votes.seriesValue(Attr.EQUIPMENT, InstanceFacts.Series::equipment);
        if (equipment != null) {
            String ownerId = contained.organization(
                    votes.seriesValue(Attr.INSTITUTION_NAME, InstanceFacts.Series::institution),
                    votes.seriesValue(Attr.INSTITUTION_ADDRESS, InstanceFacts.Series::institutionAddress));
            performers.add(new PerformerData(null, contained.device(equipment, ownerId)));
        }
        return List.copyOf(performers);
    }

    /** Every distinct specimen of the series' instances, in path order (not voted: instances may differ). */
    private static List<String> specimens(List<InstanceFacts> byPath, Contained contained) {
        Set<String> ids = new LinkedHashSet<>();
        InstanceFacts.Series last = null;
        for (InstanceFacts f : byPath) {
            if (f.series() == last) {
                continue; // shared: the same specimens as the instance before
            }
            last = f.series();
            for (InstanceFacts.Specimen specimen : f.series().specimens()) {
                String id = contained.specimen(specimen);
                if (id != null) {
                    ids.add(id);
                }
            }
        }
        return List.copyOf(ids);
    }

    /**
     * The first that applies: Laterality; a CID 244 modifier of the Anatomic Region; Image Laterality when
     * every instance has the same; Frame Laterality. Sources that disagree give a CONFLICTING_VALUES warning.
     */
    private static CodingData laterality(Votes votes, List<InstanceFacts> instances, InstanceFacts.Region region,
            String seriesUid, Warnings warnings) {
        List<CodingData> sources = new ArrayList<>(4);
        sources.add(Laterality.coding(votes.seriesValue(Attr.LATERALITY, InstanceFacts.Series::laterality)));
        sources.add(region == null ? null : Laterality.ofModifiers(region.modifiers()));
        sources.add(Laterality.coding(agreedImageLaterality(instances)));
        sources.add(Laterality.coding(votes.seriesValue(Attr.FRAME_LATERALITY, InstanceFacts.Series::frameLaterality)));
        CodingData chosen = null;
        for (CodingData source : sources) {
            if (source == null) {
                continue;
            }
            if (chosen == null) {
                chosen = source;
            } else if (!Objects.equals(chosen.code(), source.code())) {
                warnings.add(WarningCode.CONFLICTING_VALUES, "series " + seriesUid + ": "
                        + Attr.LATERALITY_SOURCES.label() + " disagree; the first present in that order was used");
                break;
            }
        }
        return Laterality.chosen(chosen);
    }

    private static String agreedImageLaterality(List<InstanceFacts> instances) {
        String agreed = Text.clean(instances.get(0).imageLaterality());
        if (agreed == null) {
            return null;
        }
        for (InstanceFacts f : instances) {
            if (!agreed.equals(Text.clean(f.imageLaterality()))) {
                return null;
            }
        }
        return agreed;
    }

    private static InstanceData instance(InstanceFacts f, Map<String, CodingData> sopClasses) {
        CodingData sopClass = sopClasses.computeIfAbsent(f.sopClassUid(),
                uid -> CodingData.of(FhirTerms.RFC3986_SYSTEM, "urn:oid:" + Text.code(uid),
                        SopClasses.name(Text.code(uid))));
        return new InstanceData(f.sopInstanceUid(), sopClass, IntegerStrings.nonNegative(f.instanceNumber()),
                Text.clean(f.title()));
    }
}
