package org.dicom2fhir.core.internal.mapping;

import org.dicom2fhir.api.dicom.ReadDamage;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.WarningCode;
import org.dicom2fhir.api.dicom.Vr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.dicom.DicomDataSet;
import org.dicom2fhir.api.dicom.DicomElement;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.core.FhirValidity;
import org.dicom2fhir.core.InstanceFacts;

/** Hand-built data sets, as a reader would return them, and shortcuts through extraction and mapping. */
final class Fixtures {
    static final String STUDY_UID = "1.2.826.0.1.3680043.8.498.1";
    static final String SERIES_UID = "1.2.826.0.1.3680043.8.498.1.1";
    static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    static final String EXPLICIT_VR_LE = "1.2.840.10008.1.2.1";

    private Fixtures() {
    }

    static DicomElement str(int tag, String vr, String... values) {
        return DicomElement.ofStrings(tag, Vr.valueOf(vr), Arrays.asList(values));
    }

    static DicomElement seq(int tag, DicomDataSet... items) {
        return DicomElement.ofItems(tag, Arrays.asList(items));
    }

    static DicomDataSet item(DicomElement... elements) {
        return DicomDataSet.of(elements);
    }

    static DicomDataSet code(String value, String scheme, String meaning) {
        List<DicomElement> elements = new ArrayList<>();
        if (value != null) {
            elements.add(str(Tags.CODE_VALUE, "SH", value));
        }
        if (scheme != null) {
            elements.add(str(Tags.CODING_SCHEME_DESIGNATOR, "SH", scheme));
        }
        if (meaning != null) {
            elements.add(str(Tags.CODE_MEANING, "LO", meaning));
        }
        return DicomDataSet.of(elements);
    }

    /** A minimal includable CT instance of {@link #STUDY_UID} / {@link #SERIES_UID}, with modality CT. */
    static Instance instance(String sopInstanceUid) {
        return new Instance()
                .set(Tags.SOP_CLASS_UID, "UI", CT_IMAGE_STORAGE)
                .set(Tags.SOP_INSTANCE_UID, "UI", sopInstanceUid)
                .set(Tags.STUDY_INSTANCE_UID, "UI", STUDY_UID)
                .set(Tags.SERIES_INSTANCE_UID, "UI", SERIES_UID)
                .set(Tags.MODALITY, "CS", "CT");
    }

    /** Mutable builder of one file's data set and File Meta. */
    static final class Instance {
        private final Map<Integer, DicomElement> elements = new TreeMap<>(Integer::compareUnsigned);
        private final Map<Integer, DicomElement> meta = new TreeMap<>(Integer::compareUnsigned);
        private final List<Warning> readWarnings = new ArrayList<>();
        private ReadDamage damage;

        Instance set(int tag, String vr, String... values) {
            elements.put(tag, str(tag, vr, values));
            return this;
        }

        /** Present with zero length. */
        Instance empty(int tag, String vr) {
            elements.put(tag, DicomElement.ofStrings(tag, Vr.valueOf(vr), List.of()));
            return this;
        }

        Instance items(int tag, DicomDataSet... items) {
            elements.put(tag, seq(tag, items));
            return this;
        }

        Instance remove(int tag) {
            elements.remove(tag);
            return this;
        }

        Instance meta(int tag, String vr, String... values) {
            meta.put(tag, str(tag, vr, values));
            return this;
        }

        Instance readWarning(WarningCode code, String message) {
            readWarnings.add(new Warning(code, message));
            return this;
        }

        /** Damage after which the reader stopped, keeping the elements set so far. */
        Instance damage(ReasonCode reason, String message) {
            damage = new ReadDamage(reason, DicomReadException.NO_TAG, DicomReadException.NO_OFFSET, message);
            return this;
        }

        Instance series(String seriesUid) {
            return set(Tags.SERIES_INSTANCE_UID, "UI", seriesUid);
        }

        DicomReadResult read() {
            return new DicomReadResult(EXPLICIT_VR_LE, DicomDataSet.of(new ArrayList<>(meta.values())),
                    DicomDataSet.of(new ArrayList<>(elements.values())), readWarnings, damage);
        }

        InstanceFacts facts(String path) {
            try {
                return FactsExtractor.extract(path, read());
            } catch (DicomReadException e) {
                throw new AssertionError("fixture not includable: " + e.getMessage(), e);
            }
        }
    }

    /** Files named f01, f02, ... in the order given, mapped with the options. */
    static MappedStudy mapAll(MappingOptions options, Instance... files) {
        List<InstanceFacts> facts = new ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            facts.add(files[i].facts(String.format("f%02d", i + 1)));
        }
        MappedStudy mapped = StudyMapper.map(facts, options);
        FhirValidity.assertValid(mapped.study()); // every mapping test's output must be valid FHIR
        return mapped;
    }

    static StudyData map(Instance... files) {
        return mapAll(MappingOptions.defaults(), files).study();
    }

    static List<WarningCode> codes(List<Warning> warnings) {
        return warnings.stream().map(Warning::code).toList();
    }
}
