package org.dicom2fhir.testkit;

import static org.dicom2fhir.testkit.MoreTags.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.testkit.StudyGenerator.ModalityProfile;
import org.dicom2fhir.testkit.StudyGenerator.PixelMode;
import org.dicom2fhir.testkit.StudyGenerator.Settings;

/**
 * A generated study: its UIDs, the settings that produced it, and the data set of every instance,
 * computed on demand (so a 100,000-instance study costs only its UIDs in memory).
 *
 * @param privateBlockBytes per series, the length of the private filler (0029,1010) that brings a
 *                          header to about {@code settings.headerBytes()}; 0 when no padding
 */
public record GeneratedStudy(String studyInstanceUid, List<GeneratedSeries> series, Settings settings,
        List<Integer> privateBlockBytes) {

    static final String PRIVATE_CREATOR = "DICOM2FHIR TESTKIT";
    private static final Set<String> PAIRED_BODY_PARTS = Set.of("KNEE", "HAND", "FOOT", "SHOULDER", "HIP", "ELBOW",
            "ANKLE", "WRIST", "BREAST", "EAR", "EYE", "FEMUR", "HUMERUS", "ARM", "LEG", "THIGH", "FOREARM");

    public GeneratedStudy {
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        series = List.copyOf(series);
        Objects.requireNonNull(settings, "settings");
        privateBlockBytes = List.copyOf(privateBlockBytes);
        if (privateBlockBytes.size() != series.size()) {
            throw new IllegalArgumentException("one private block size per series");
        }
    }

    public int instanceCount() {
        int n = 0;
        for (GeneratedSeries s : series) {
            n += s.instanceCount();
        }
        return n;
    }

    /** The data set of one instance (a fresh copy each call), without Pixel Data (see {@link #fileSpec}). */
    public DicomObject instance(int seriesIndex, int instanceIndex) {
        DicomObject ds = seriesTemplate(seriesIndex);
        addInstanceAttributes(ds, seriesIndex, instanceIndex);
        return ds;
    }

    /** The layout of one instance's file: its rotated transfer syntax and its Pixel Data. */
    public DicomFileSpec fileSpec(int seriesIndex, int instanceIndex) {
        return fileSpec(seriesIndex, instanceIndex, null);
    }

    private DicomFileSpec fileSpec(int seriesIndex, int instanceIndex, byte[] pixels) {
        DicomFileSpec spec = DicomFileSpec.of(transferSyntax(seriesIndex, instanceIndex));
        if (!profile(seriesIndex).image()) {
            return spec;
        }
        return switch (settings.pixelMode()) {
            case NONE -> spec;
            case SPARSE -> spec.withSparsePixelData(2L * settings.rows() * settings.columns());
            case REAL -> spec.withPixelData(pixels != null ? pixels : pixelData(settings.rows(), settings.columns()));
        };
    }

    public TransferSyntax transferSyntax(int seriesIndex, int instanceIndex) {
        int global = 0;
        for (int s = 0; s < seriesIndex; s++) {
            global += series.get(s).instanceCount();
        }
        global += instanceIndex;
        List<TransferSyntax> rotation = settings.transferSyntaxes();
        return rotation.get(global % rotation.size());
    }

    /** Where {@link #writeTo} puts an instance, relative to the folder: {@code S01/I0001.dcm}. */
    public String relativePath(int seriesIndex, int instanceIndex) {
        int seriesWidth = Math.max(2, Integer.toString(series.size()).length());
        int instanceWidth = Math.max(4, Integer.toString(settings.instancesPerSeries()).length());
        return String.format("S%0" + seriesWidth + "d/I%0" + instanceWidth + "d.dcm", seriesIndex + 1,
                instanceIndex + 1);
    }

    /** Writes every instance under {@code dir} (one folder per series) and returns the files in series, instance order. */
    public List<Path> writeTo(Path dir) throws IOException {
        List<Path> files = new ArrayList<>(instanceCount());
        byte[] pixels = settings.pixelMode() == PixelMode.REAL ? pixelData(settings.rows(), settings.columns()) : null;
        Map<TransferSyntax, DicomFileSpec> imageSpecs = new EnumMap<>(TransferSyntax.class);
        Map<TransferSyntax, DicomFileSpec> plainSpecs = new EnumMap<>(TransferSyntax.class);
        int global = 0;
        for (int s = 0; s < series.size(); s++) {
            DicomObject template = seriesTemplate(s);
            boolean image = profile(s).image();
            Path folder = dir.resolve(relativePath(s, 0)).getParent();
            Files.createDirectories(folder);
            for (int i = 0; i < series.get(s).instanceCount(); i++, global++) {
                DicomObject ds = template.copy();
                addInstanceAttributes(ds, s, i);
                TransferSyntax ts = settings.transferSyntaxes().get(global % settings.transferSyntaxes().size());
                final int si = s;
                final int ii = i;
                DicomFileSpec spec = image
                        ? imageSpecs.computeIfAbsent(ts, t -> fileSpec(si, ii, pixels))
                        : plainSpecs.computeIfAbsent(ts, t -> fileSpec(si, ii, pixels));
                Path file = dir.resolve(relativePath(s, i));
                DicomFileWriter.write(file, ds, spec);
                files.add(file);
            }
        }
        return files;
    }

    private ModalityProfile profile(int seriesIndex) {
        return ModalityProfile.of(series.get(seriesIndex).modality());
    }

    private String bodyPart(int seriesIndex) {
        List<String> parts = settings.bodyParts();
        return parts.isEmpty() ? profile(seriesIndex).bodyPart() : parts.get(seriesIndex % parts.size());
    }

    /** Everything an instance shares with the rest of its series. */
    private DicomObject seriesTemplate(int s) {
        GeneratedSeries gs = series.get(s);
        ModalityProfile p = profile(s);
        Settings st = settings;
        boolean padded = st.headerBytes() > 0;
        String seriesTime = plusMinutes(st.studyTime(), 2 * s);
        DicomObject ds = new DicomObject();

        ds.set(Tags.SPECIFIC_CHARACTER_SET, "CS", st.specificCharacterSet());
        if (p.image()) {
            ds.set(Tags.IMAGE_TYPE, "CS", p.imageType().split("\\\\"));
            ds.set(ACQUISITION_DATE, "DA", st.studyDate());
        }
        ds.set(INSTANCE_CREATION_DATE, "DA", st.studyDate());
        ds.set(Tags.SOP_CLASS_UID, "UI", p.sopClassUid());
        ds.set(Tags.STUDY_DATE, "DA", st.studyDate());
        ds.set(Tags.SERIES_DATE, "DA", st.studyDate());
        ds.set(CONTENT_DATE, "DA", st.studyDate());
        ds.set(Tags.STUDY_TIME, "TM", st.studyTime());
        ds.set(Tags.SERIES_TIME, "TM", seriesTime);
        ds.set(Tags.ACCESSION_NUMBER, "SH", st.accessionNumber());
        ds.setSequence(Tags.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE, new DicomObject()
                .set(LOCAL_NAMESPACE_ENTITY_ID, "UT", "TESTKIT-RIS")
                .set(Tags.UNIVERSAL_ENTITY_ID, "UT", "2.25.110893417437213716826315178357466417407")
                .set(Tags.UNIVERSAL_ENTITY_ID_TYPE, "CS", "ISO"));
        ds.set(Tags.MODALITY, "CS", p.modality());
        ds.set(MANUFACTURER, "LO", "Testkit Medical Systems");
        ds.set(INSTITUTION_NAME, "LO", "Example General Hospital");
        ds.set(REFERRING_PHYSICIAN_NAME, "PN", "Referrer^Example");
        if (st.timezoneOffset() != null) {
            ds.set(Tags.TIMEZONE_OFFSET_FROM_UTC, "SH", st.timezoneOffset());
        }
        ds.set(STATION_NAME, "SH", "TK-" + p.modality() + "-01");
        ds.set(Tags.STUDY_DESCRIPTION, "LO", st.studyDescription());
        ds.setSequence(Tags.PROCEDURE_CODE_SEQUENCE, procedureCode());
        ds.set(Tags.SERIES_DESCRIPTION, "LO", p.seriesDescription());
        ds.set(MANUFACTURER_MODEL_NAME, "LO", "Synthesizer " + p.modality());

        ds.set(Tags.PATIENT_NAME, "PN", st.patientName());
        ds.set(Tags.PATIENT_ID, "LO", st.patientId());
        ds.set(Tags.ISSUER_OF_PATIENT_ID, "LO", "TESTKIT");
        ds.setSequence(Tags.ISSUER_OF_PATIENT_ID_QUALIFIERS_SEQUENCE, new DicomObject()
                .set(Tags.UNIVERSAL_ENTITY_ID, "UT", "9b3a6f0e-3c4d-4b8a-9a57-2f1d6c0e8b11")
                .set(Tags.UNIVERSAL_ENTITY_ID_TYPE, "CS", "UUID"));
        ds.set(Tags.PATIENT_BIRTH_DATE, "DA", st.patientBirthDate());
        ds.set(Tags.PATIENT_SEX, "CS", st.patientSex());
        String age = age(st.patientBirthDate(), st.studyDate());
        if (age != null) {
            ds.set(PATIENT_AGE, "AS", age);
        }
        ds.set(PATIENT_SIZE, "DS", "1.72");
        ds.set(PATIENT_WEIGHT, "DS", "70");

        String bodyPart = bodyPart(s);
        if (p.image() && !bodyPart.isEmpty()) {
            ds.set(Tags.BODY_PART_EXAMINED, "CS", bodyPart);
        }
        ds.set(SOFTWARE_VERSIONS, "LO", "testkit 1.0");
        ds.set(Tags.STUDY_INSTANCE_UID, "UI", studyInstanceUid);
        ds.set(Tags.SERIES_INSTANCE_UID, "UI", gs.seriesInstanceUid());
        ds.set(STUDY_ID, "SH", st.studyId());
        ds.set(Tags.SERIES_NUMBER, "IS", Integer.toString(gs.seriesNumber()));
        if (p.image() && PAIRED_BODY_PARTS.contains(bodyPart)) {
            String side = (s % 2 == 0) ? "R" : "L";
            ds.set(p.modality().equals("MG") ? Tags.IMAGE_LATERALITY : Tags.LATERALITY, "CS", side);
        }
        ds.setSequence(Tags.REQUEST_ATTRIBUTES_SEQUENCE, new DicomObject()
                .set(SCHEDULED_PROCEDURE_STEP_ID, "SH", "SPS" + st.studyId())
                .set(REQUESTED_PROCEDURE_ID, "SH", "RP" + st.studyId())
                .set(Tags.REASON_FOR_THE_REQUESTED_PROCEDURE, "LO", "Follow-up of a synthetic finding")
                .setSequence(Tags.REASON_FOR_REQUESTED_PROCEDURE_CODE_SEQUENCE, new DicomObject()
                        .set(Tags.CODE_VALUE, "SH", "233604007")
                        .set(Tags.CODING_SCHEME_DESIGNATOR, "SH", "SCT")
                        .set(Tags.CODE_MEANING, "LO", "Pneumonia")));

        if (p.image()) {
            imageAttributes(ds, s, p);
        } else {
            structuredReportAttributes(ds, p);
        }
        if (padded) {
            realisticExtras(ds, p);
        }
        if (s < st.seriesAttributes().size()) {
            ds.putAll(st.seriesAttributes().get(s));
        }
        if (padded) {
            int filler = privateBlockBytes.get(s);
            if (filler > 0) {
                ds.set(PRIVATE_CREATOR_0029, "LO", PRIVATE_CREATOR);
                ds.setBytes(PRIVATE_BLOCK_DATA, "OB", fillerBytes(filler));
            }
        }
        return ds;
    }

    private DicomObject procedureCode() {
        String first = series.get(0).modality();
        if (first.equals("CT")) {
            return new DicomObject().set(Tags.CODE_VALUE, "SH", "24627-2")
                    .set(Tags.CODING_SCHEME_DESIGNATOR, "SH", "LN").set(Tags.CODE_MEANING, "LO", "CT Chest");
        }
        return new DicomObject().set(Tags.CODE_VALUE, "SH", "TK-" + first)
                .set(Tags.CODING_SCHEME_DESIGNATOR, "SH", "99TESTKIT")
                .set(Tags.CODE_MEANING, "LO", first + " examination");
    }

    private void imageAttributes(DicomObject ds, int s, ModalityProfile p) {
        Settings st = settings;
        switch (p.modality()) {
            case "CT" -> {
                ds.set(SLICE_THICKNESS, "DS", "1");
                ds.set(KVP, "DS", "120");
                ds.set(EXPOSURE_TIME, "IS", "500");
                ds.set(XRAY_TUBE_CURRENT, "IS", "250");
                ds.set(PATIENT_POSITION, "CS", "HFS");
                ds.set(RESCALE_INTERCEPT, "DS", "-1024");
                ds.set(RESCALE_SLOPE, "DS", "1");
                ds.set(RESCALE_TYPE, "LO", "HU");
                ds.set(WINDOW_CENTER, "DS", "40");
                ds.set(WINDOW_WIDTH, "DS", "400");
            }
            case "MR" -> {
                ds.set(SCANNING_SEQUENCE, "CS", "SE");
                ds.set(SEQUENCE_VARIANT, "CS", "SK", "SP");
                ds.set(MR_ACQUISITION_TYPE, "CS", "2D");
                ds.set(SLICE_THICKNESS, "DS", "5");
                ds.set(REPETITION_TIME, "DS", "4000");
                ds.set(ECHO_TIME, "DS", "98");
                ds.set(MAGNETIC_FIELD_STRENGTH, "DS", "1.5");
                ds.set(PATIENT_POSITION, "CS", "HFS");
                ds.set(WINDOW_CENTER, "DS", "600");
                ds.set(WINDOW_WIDTH, "DS", "1200");
            }
            default -> {
                ds.set(KVP, "DS", "80");
                ds.set(IMAGER_PIXEL_SPACING, "DS", "0.15", "0.15");
                ds.set(VIEW_POSITION, "CS", p.modality().equals("MG") ? "CC" : "PA");
                ds.set(WINDOW_CENTER, "DS", "2048");
                ds.set(WINDOW_WIDTH, "DS", "4096");
            }
        }
        boolean crossSectional = p.modality().equals("CT") || p.modality().equals("MR");
        if (crossSectional) {
            ds.set(IMAGE_ORIENTATION_PATIENT, "DS", "1", "0", "0", "0", "1", "0");
            ds.set(FRAME_OF_REFERENCE_UID, "UI", Uids.fromName("frame-of-reference:" + series.get(s).seriesInstanceUid()));
            ds.set(POSITION_REFERENCE_INDICATOR, "LO", "");
        }
        ds.setInts(SAMPLES_PER_PIXEL, "US", 1);
        ds.set(PHOTOMETRIC_INTERPRETATION, "CS", "MONOCHROME2");
        ds.setInts(ROWS, "US", st.rows());
        ds.setInts(COLUMNS, "US", st.columns());
        if (crossSectional) {
            ds.set(PIXEL_SPACING, "DS", "0.7", "0.7");
        }
        ds.setInts(BITS_ALLOCATED, "US", 16);
        ds.setInts(BITS_STORED, "US", 12);
        ds.setInts(HIGH_BIT, "US", 11);
        ds.setInts(PIXEL_REPRESENTATION, "US", 0);
    }

    private static void structuredReportAttributes(DicomObject ds, ModalityProfile p) {
        boolean keyObjects = p.modality().equals("KO");
        ds.set(VALUE_TYPE, "CS", "CONTAINER");
        ds.setSequence(Tags.CONCEPT_NAME_CODE_SEQUENCE, keyObjects
                ? code("113000", "DCM", "Of Interest")
                : code("18748-4", "LN", "Diagnostic imaging report"));
        ds.set(CONTINUITY_OF_CONTENT, "CS", "SEPARATE");
        ds.set(COMPLETION_FLAG, "CS", "COMPLETE");
        ds.set(VERIFICATION_FLAG, "CS", "UNVERIFIED");
        ds.setSequence(CONTENT_SEQUENCE, new DicomObject()
                .set(RELATIONSHIP_TYPE, "CS", "CONTAINS")
                .set(VALUE_TYPE, "CS", "TEXT")
                .setSequence(Tags.CONCEPT_NAME_CODE_SEQUENCE, code("121071", "DCM", "Finding"))
                .set(TEXT_VALUE, "UT", "No acute abnormality in this synthetic study."));
    }

    private static DicomObject code(String value, String scheme, String meaning) {
        return new DicomObject().set(Tags.CODE_VALUE, "SH", value).set(Tags.CODING_SCHEME_DESIGNATOR, "SH", scheme)
                .set(Tags.CODE_MEANING, "LO", meaning);
    }

    /** Attributes real modalities add, making the header look like a real one before the private filler. */
    private void realisticExtras(DicomObject ds, ModalityProfile p) {
        Settings st = settings;
        ds.set(PHYSICIANS_OF_RECORD, "PN", "Recorder^Example");
        ds.set(PERFORMING_PHYSICIAN_NAME, "PN", "Performer^Example");
        ds.set(OPERATORS_NAME, "PN", "Operator^Example");
        ds.setSequence(REFERENCED_STUDY_SEQUENCE, new DicomObject()
                .set(REFERENCED_SOP_CLASS_UID, "UI", "1.2.840.10008.3.1.2.3.1")
                .set(REFERENCED_SOP_INSTANCE_UID, "UI", studyInstanceUid));
        ds.set(ADDITIONAL_PATIENT_HISTORY, "LT", "Synthetic history for testing; no real patient.");
        ds.set(DEVICE_SERIAL_NUMBER, "LO", "TK-0001");
        ds.set(PROTOCOL_NAME, "LO", p.studyDescription() + " protocol");
        ds.set(IMAGE_COMMENTS, "LT", "Generated by the dicom2fhir testkit.");
        ds.set(REQUESTED_PROCEDURE_DESCRIPTION, "LO", p.studyDescription());
        ds.set(PPS_START_DATE, "DA", st.studyDate());
        ds.set(PPS_START_TIME, "TM", st.studyTime());
        ds.set(PPS_ID, "SH", "PPS" + st.studyId());
        ds.set(PPS_DESCRIPTION, "LO", p.studyDescription());
    }

    private void addInstanceAttributes(DicomObject ds, int s, int i) {
        GeneratedSeries gs = series.get(s);
        ModalityProfile p = profile(s);
        String sop = gs.sopInstanceUids().get(i);
        String contentTime = plusSeconds(settings.studyTime(), 120 * s + i);
        ds.set(INSTANCE_CREATION_TIME, "TM", contentTime);
        ds.set(Tags.SOP_INSTANCE_UID, "UI", sop);
        ds.set(CONTENT_TIME, "TM", contentTime);
        ds.set(Tags.INSTANCE_NUMBER, "IS", Integer.toString(i + 1));
        if (p.image()) {
            ds.set(ACQUISITION_TIME, "TM", contentTime);
            if (p.modality().equals("CT") || p.modality().equals("MR")) {
                String z = p.modality().equals("CT") ? Integer.toString(-i) : Integer.toString(-5 * i);
                ds.set(IMAGE_POSITION_PATIENT, "DS", "-179.5", "-179.5", z);
                ds.set(SLICE_LOCATION, "DS", z);
            }
        }
    }

    private static String plusMinutes(String tm, int minutes) {
        return plusSeconds(tm, 60 * minutes);
    }

    /** Adds seconds to an HHMMSS time, wrapping at midnight; other forms are returned as they are. */
    private static String plusSeconds(String tm, int seconds) {
        if (tm == null || tm.length() < 6 || !tm.substring(0, 6).chars().allMatch(Character::isDigit)) {
            return tm;
        }
        int t = Integer.parseInt(tm.substring(0, 2)) * 3600 + Integer.parseInt(tm.substring(2, 4)) * 60
                + Integer.parseInt(tm.substring(4, 6)) + seconds;
        t = Math.floorMod(t, 24 * 3600);
        return String.format(Locale.ROOT, "%02d%02d%02d", t / 3600, t / 60 % 60, t % 60);
    }

    /** Age string nnnY, or {@code null} when a date is not a plain DA. */
    private static String age(String birth, String study) {
        try {
            LocalDate b = LocalDate.parse(birth, StudyGenerator.DA);
            LocalDate s = LocalDate.parse(study, StudyGenerator.DA);
            int years = java.time.Period.between(b, s).getYears();
            return years >= 0 && years < 1000 ? String.format("%03dY", years) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Deterministic filler bytes that look like a vendor blob (not all zeros, so it does not compress to nothing). */
    private static byte[] fillerBytes(int n) {
        byte[] b = new byte[n];
        int x = 0x2F6E2B1;
        for (int i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            b[i] = (byte) x;
        }
        return b;
    }

    /**
     * 16-bit little-endian samples, 12 bits stored: a disc phantom on a gentle gradient, the same for
     * the same size.
     */
    public static byte[] pixelData(int rows, int columns) {
        byte[] b = new byte[rows * columns * 2];
        double cr = rows / 2.0;
        double cc = columns / 2.0;
        double r2 = Math.pow(Math.min(rows, columns) * 0.35, 2);
        int k = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double d = (r - cr) * (r - cr) + (c - cc) * (c - cc);
                int v = (d < r2 ? 2000 : 200) + (r * 7 + c * 3) % 400;
                b[k++] = (byte) v;
                b[k++] = (byte) (v >>> 8);
            }
        }
        return b;
    }
}
