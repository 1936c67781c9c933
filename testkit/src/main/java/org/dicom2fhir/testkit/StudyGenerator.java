package org.dicom2fhir.testkit;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Synthetic studies with realistic CT/MR/CR/DX/US/MG/PT/NM/XA/SR/KO headers, deterministic for a seed:
 * the same settings give the same UIDs, values and bytes on every run and machine. No value is real
 * patient data.
 *
 * <pre>{@code
 * GeneratedStudy study = StudyGenerator.builder().seed(7).series(2).instancesPerSeries(10)
 *         .modalities("CT", "MR").pixelData(64, 64).build();
 * List<Path> files = study.writeTo(dir);
 * }</pre>
 */
public final class StudyGenerator {
    private StudyGenerator() {
    }

    /** Roughly the size of a real CT or MR header; pass it to {@link Builder#headerBytes(int)}. */
    public static final int REALISTIC_HEADER_BYTES = 7 * 1024;

    public static Builder builder() {
        return new Builder();
    }

    /** How Pixel Data is written. */
    public enum PixelMode {
        NONE, REAL, SPARSE
    }

    /**
     * The resolved settings of one generated study (every value the seed decided is filled in).
     *
     * @param headerBytes          approximate file size before Pixel Data; 0: no padding
     * @param bodyParts            per series, rotated; empty: a default per modality
     * @param timezoneOffset       (0008,0201); {@code null}: absent
     * @param seriesAttributes     per series (by index; a missing one adds nothing), attributes added to
     *                             and replacing the generated ones of every instance of the series
     */
    public record Settings(long seed, int seriesCount, int instancesPerSeries, int headerBytes, PixelMode pixelMode,
            int rows, int columns, List<TransferSyntax> transferSyntaxes, List<String> modalities,
            List<String> bodyParts, String specificCharacterSet, String patientName, String patientId,
            String patientSex, String patientBirthDate, String accessionNumber, String studyId, String studyDate,
            String studyTime, String timezoneOffset, String studyDescription, List<DicomObject> seriesAttributes) {
        public Settings {
            transferSyntaxes = List.copyOf(transferSyntaxes);
            seriesAttributes = seriesAttributes.stream().map(DicomObject::copy).toList(); // the caller's objects stay theirs
            modalities = List.copyOf(modalities);
            bodyParts = List.copyOf(bodyParts);
        }
    }

    public static final class Builder {
        private long seed = 1;
        private int series = 3;
        private int instancesPerSeries = 4;
        private int headerBytes;
        private PixelMode pixelMode = PixelMode.NONE;
        private int rows = 512;
        private int columns = 512;
        private List<TransferSyntax> transferSyntaxes = List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        private List<String> modalities = List.of("CT", "MR", "CR");
        private List<String> bodyParts = List.of();
        private String studyInstanceUid;
        private String characterSet;
        private String patientName;
        private String patientId;
        private String patientSex;
        private String patientBirthDate;
        private String accessionNumber;
        private String studyDate;
        private String studyTime;
        private boolean timezoneSet;
        private String timezoneOffset;
        private String studyDescription;
        private List<DicomObject> seriesAttributes = List.of();

        private Builder() {
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder series(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("at least one series");
            }
            this.series = count;
            return this;
        }

        public Builder instancesPerSeries(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("at least one instance per series");
            }
            this.instancesPerSeries = count;
            return this;
        }

        /** Pads each file with realistic attributes and a private block to about this many bytes before Pixel Data. */
        public Builder headerBytes(int approxBytes) {
            if (approxBytes < 0) {
                throw new IllegalArgumentException("headerBytes must not be negative");
            }
            this.headerBytes = approxBytes;
            return this;
        }

        /** 16-bit samples (12 stored), real bytes. */
        public Builder pixelData(int rows, int columns) {
            return pixels(PixelMode.REAL, rows, columns);
        }

        /** Pixel Data of rows x columns x 2 bytes declared and left as a sparse hole on disk. */
        public Builder sparsePixelData(int rows, int columns) {
            return pixels(PixelMode.SPARSE, rows, columns);
        }

        public Builder noPixelData() {
            this.pixelMode = PixelMode.NONE;
            return this;
        }

        private Builder pixels(PixelMode mode, int r, int c) {
            if (r < 1 || c < 1 || r > 0xFFFF || c > 0xFFFF) {
                throw new IllegalArgumentException("rows and columns must be 1..65535");
            }
            this.pixelMode = mode;
            this.rows = r;
            this.columns = c;
            return this;
        }

        /** Assigned round-robin over the instances, in series then instance order. */
        public Builder transferSyntaxes(TransferSyntax... rotated) {
            if (rotated.length == 0) {
                throw new IllegalArgumentException("at least one transfer syntax");
            }
            this.transferSyntaxes = List.of(rotated);
            return this;
        }

        public Builder studyInstanceUid(String uid) {
            this.studyInstanceUid = uid;
            return this;
        }

        /** Any of the four may be {@code null} to let the seed choose; "" writes the element empty. */
        public Builder patient(String pn, String id, String sex, String birthDate) {
            this.patientName = pn;
            this.patientId = id;
            this.patientSex = sex;
            this.patientBirthDate = birthDate;
            return this;
        }

        /** One per series, rotated: "CT", "MR", "CR", "DX", "US", "MG", "PT", "NM", "XA", "OT", "SR", "KO". */
        public Builder modalities(String... perSeries) {
            if (perSeries.length == 0) {
                throw new IllegalArgumentException("at least one modality");
            }
            this.modalities = List.of(perSeries);
            return this;
        }

        /** Body Part Examined per series, rotated ("" writes none); default: one per modality. */
        public Builder bodyParts(String... perSeries) {
            this.bodyParts = List.of(perSeries);
            return this;
        }

        /** (0008,0005); default ISO_IR 100, or ISO_IR 192 when the patient name needs more than Latin-1. */
        public Builder characterSet(String specificCharacterSet) {
            this.characterSet = specificCharacterSet;
            return this;
        }

        public Builder accessionNumber(String accession) {
            this.accessionNumber = accession;
            return this;
        }

        /** DA and TM values, e.g. "20240131", "101500". */
        public Builder studyDateTime(String date, String time) {
            this.studyDate = date;
            this.studyTime = time;
            return this;
        }

        /** (0008,0201) like "+0100"; {@code null} leaves the element out. */
        public Builder timezoneOffset(String offset) {
            this.timezoneOffset = offset;
            this.timezoneSet = true;
            return this;
        }

        public Builder studyDescription(String description) {
            this.studyDescription = description;
            return this;
        }

        /**
         * Attributes for series 1, 2... (in order; series without one get none), added to every instance
         * of the series after the generated ones, replacing those with the same tag.
         */
        public Builder seriesAttributes(DicomObject... perSeries) {
            this.seriesAttributes = List.of(perSeries);
            return this;
        }

        public GeneratedStudy build() {
            SplittableRandom random = new SplittableRandom(seed);
            // draw every seeded value in a fixed order, whether or not it is overridden, so that
            // overriding one value does not shift the others
            String seededStudyUid = Uids.random(random);
            String studyUid = studyInstanceUid != null ? studyInstanceUid : seededStudyUid;
            String pn = pick(random, FAMILY_NAMES) + "^" + pick(random, GIVEN_NAMES);
            String pid = String.format("TK%08d", random.nextInt(100_000_000));
            String sex = random.nextBoolean() ? "F" : "M";
            String birth = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(65 * 365)).format(DA);
            String accession = String.format("ACC%07d", random.nextInt(10_000_000));
            String studyIdValue = String.format("%05d", random.nextInt(100_000));
            String date = LocalDate.of(2019, 1, 1).plusDays(random.nextInt(6 * 365)).format(DA);
            int seconds = 7 * 3600 + random.nextInt(12 * 3600);
            String time = String.format("%02d%02d%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
            String tz = pick(random, TIMEZONES);

            String name = patientName != null ? patientName : pn;
            String charset = characterSet != null ? characterSet
                    : StandardCharsets.ISO_8859_1.newEncoder().canEncode(name) ? "ISO_IR 100" : "ISO_IR 192";
            String firstModality = modalities.get(0);
            Settings settings = new Settings(seed, series, instancesPerSeries, headerBytes, pixelMode, rows, columns,
                    transferSyntaxes, modalities, bodyParts, charset, name,
                    patientId != null ? patientId : pid, patientSex != null ? patientSex : sex,
                    patientBirthDate != null ? patientBirthDate : birth,
                    accessionNumber != null ? accessionNumber : accession, studyIdValue,
                    studyDate != null ? studyDate : date, studyTime != null ? studyTime : time,
                    timezoneSet ? timezoneOffset : tz,
                    studyDescription != null ? studyDescription : ModalityProfile.of(firstModality).studyDescription(),
                    seriesAttributes);

            List<GeneratedSeries> generated = new ArrayList<>(series);
            for (int s = 0; s < series; s++) {
                String modality = modalities.get(s % modalities.size());
                String seriesUid = Uids.random(random);
                List<String> sops = new ArrayList<>(instancesPerSeries);
                for (int i = 0; i < instancesPerSeries; i++) {
                    sops.add(Uids.random(random));
                }
                generated.add(new GeneratedSeries(seriesUid, modality, s + 1, sops));
            }
            GeneratedStudy unpadded = new GeneratedStudy(studyUid, generated, settings, zeros(series));
            if (headerBytes == 0) {
                return unpadded;
            }
            List<Integer> padding = new ArrayList<>(series);
            for (int s = 0; s < series; s++) {
                DicomObject probe = unpadded.instance(s, 0);
                int size = DicomFileWriter.toBytes(probe, DicomFileSpec.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)).length;
                int creator = 8 + GeneratedStudy.PRIVATE_CREATOR.length() + (GeneratedStudy.PRIVATE_CREATOR.length() & 1);
                int remaining = headerBytes - size - creator - 12;
                padding.add(remaining > 0 ? remaining & ~1 : 0);
            }
            return new GeneratedStudy(studyUid, generated, settings, padding);
        }

        private static List<Integer> zeros(int n) {
            Integer[] z = new Integer[n];
            Arrays.fill(z, 0);
            return List.of(z);
        }
    }

    static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

    private static final String[] FAMILY_NAMES = {"Testperson", "Example", "Sample", "Synthetic", "Fictive",
        "Placeholder", "Mockup", "Specimen"};
    private static final String[] GIVEN_NAMES = {"Alex", "Robin", "Kim", "Sam", "Jordan", "Charlie", "Taylor",
        "Morgan"};
    private static final String[] TIMEZONES = {"+0000", "+0100", "+0200", "-0500", "+0900"};

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Per-modality defaults. */
    record ModalityProfile(String modality, String sopClassUid, boolean image, String bodyPart, String imageType,
            String seriesDescription, String studyDescription) {
        static ModalityProfile of(String modality) {
            Objects.requireNonNull(modality, "modality");
            return switch (modality) {
                case "CT" -> new ModalityProfile(modality, "1.2.840.10008.5.1.4.1.1.2", true, "CHEST",
                        "ORIGINAL\\PRIMARY\\AXIAL", "Thorax 1.0 mm", "CT Chest");
                case "MR" -> new ModalityProfile(modality, "1.2.840.10008.5.1.4.1.1.4", true, "HEAD",
                        "ORIGINAL\\PRIMARY\\M\\ND", "T2 TSE axial", "MR Head");
                case "CR" -> new ModalityProfile(modality, "1.2.840.10008.5.1.4.1.1.1", true, "CHEST",
                        "ORIGINAL\\PRIMARY", "Chest PA", "Chest X-ray");
                case "DX" -> new ModalityProfile(modality, "1.2.840.10008.5.1.4.1.1.1.1", true, "HAND",
                        "ORIGINAL\\PRIMARY", "Hand PA", "Hand X-ray");
                case "US" -> new ModalityProfile(modality, "1.2.840.10008.5.1.4.1.1.6.1", true, "ABDOMEN",
                        "ORIGINAL\\PRIMARY\\ABDOMINAL", "Abdomen", "US Abdomen");
                case "MG" -> new ModalityProfile(modality, "1.2.840.10008.5.1.4.1.1.1.2", true, "BREAST",
                        "ORIGINAL\\PRIMARY", "CC view", "Mammography screening");
                case "PT" -> new ModalityProfile(modality, "1.2.840.10008.5.1.4.1.1.128", true, "WHOLEBODY",
                        "ORIGINAL\\PRIMARY", "PET WB AC", "PET whole body");
                case "NM" -> new ModalityProfile(modality, "1.2.840.10008.5.1.4.1.1.20", true, "WHOLEBODY",
                        "ORIGINAL\\PRIMARY\\WHOLE BODY\\EMISSION", "Bone scan", "NM whole body");
                case "XA" -> new ModalityProfile(modality, "1.2.840.10008.5.1.4.1.1.12.1", true, "HEART",
                        "ORIGINAL\\PRIMARY\\SINGLE PLANE", "Coronary LAO", "Coronary angiography");
                case "SR" -> new ModalityProfile(modality, "1.2.840.10008.5.1.4.1.1.88.11", false, "", "",
                        "Report", "Radiology report");
                case "KO" -> new ModalityProfile(modality, "1.2.840.10008.5.1.4.1.1.88.59", false, "", "",
                        "Key images", "Key object selection");
                default -> new ModalityProfile(modality, "1.2.840.10008.5.1.4.1.1.7", true, "", "DERIVED\\SECONDARY",
                        "Secondary capture", "Secondary capture");
            };
        }
    }
}
