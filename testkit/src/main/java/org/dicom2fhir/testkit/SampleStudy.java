package org.dicom2fhir.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dicom2fhir.api.dicom.Tags;

/**
 * Writes the small sample study committed under {@code samples/ct-chest}: a CT chest series, an MR
 * knee series (with laterality) and a structured report, 4 instances each, 64x64 16-bit pixels,
 * explicit and implicit VR little endian alternating. Every series also carries what the ImagingStudy
 * mapping reads beyond the basics (see {@link #studyAttributes()} and {@link #seriesAttributes(int)}):
 * people with identification sequences, two requested procedures, institution and location, equipment
 * with a UDI, anatomy (coded with a laterality modifier on the MR, legacy SRT on the CT), a specimen,
 * admission and other patient IDs. Fully synthetic and deterministic: the same bytes on every run.
 *
 * <pre>java -cp testkit/target/classes:api/target/classes org.dicom2fhir.testkit.SampleStudy samples/ct-chest</pre>
 */
public final class SampleStudy {
    private SampleStudy() {
    }

    /** The study the sample folder holds. */
    public static GeneratedStudy study() {
        return StudyGenerator.builder()
                .seed(20240115L)
                .series(3)
                .instancesPerSeries(4)
                .modalities("CT", "MR", "SR")
                .bodyParts("CHEST", "KNEE", "")
                .pixelData(64, 64)
                .transferSyntaxes(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)
                .patient("Sample^Patient", "SAMPLE-0001", "O", "19700101")
                .accessionNumber("SAMPLE-ACC-0001")
                .studyDateTime("20240115", "093000")
                .timezoneOffset("+0100")
                .studyDescription("CT Chest (sample)")
                .seriesAttributes(seriesAttributes(0), seriesAttributes(1), seriesAttributes(2))
                .build();
    }

    /** Invented UIDs under the 2.25 root: a fixed UUID-derived stem and a suffix per purpose. */
    private static String uid(int suffix) {
        return "2.25.31866207431584213350164573041238" + suffix;
    }

    /** What every series shares: people, orders, place, study ID, admission, other patient IDs. */
    static DicomObject studyAttributes() {
        return new DicomObject()
                .set(Tags.REFERRING_PHYSICIAN_NAME, "PN", "DOE^JANE^^DR")
                .setSequence(Tags.REFERRING_PHYSICIAN_IDENTIFICATION_SEQUENCE, MappedAttributes.person(
                        "Sample Referring Practice", MappedAttributes.code("REF-0042", "L", "Dr Jane Doe")))
                .set(Tags.NAME_OF_PHYSICIANS_READING_STUDY, "PN", "ROE^RICHARD^^DR")
                .setSequence(Tags.PHYSICIANS_READING_STUDY_IDENTIFICATION_SEQUENCE, MappedAttributes.person(
                        "Example General Hospital", MappedAttributes.code("RAD-0007", "L", "Dr Richard Roe")))
                .setSequence(Tags.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE, MappedAttributes.issuer("SAMPLE-RIS", uid(1), "ISO"))
                .setSequence(Tags.REQUEST_ATTRIBUTES_SEQUENCE, requestedProcedure(1, MappedAttributes.code("24627-2", "LN", "CT Chest"))
                                .set(Tags.ACCESSION_NUMBER, "SH", "SAMPLE-ACC-0001")
                                .setSequence(Tags.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE,
                                        MappedAttributes.issuer("SAMPLE-RIS", uid(1), "ISO")),
                        requestedProcedure(2, MappedAttributes.code("MRKNEE", "99SAMPLE", "MR Knee")))
                .set(Tags.INSTITUTION_NAME, "LO", "Example General Hospital")
                .set(Tags.INSTITUTION_ADDRESS, "ST", "1 Sample Street, 12345 Example Town")
                .set(Tags.INSTITUTIONAL_DEPARTMENT_NAME, "LO", "Radiology")
                .set(Tags.STUDY_ID, "SH", "SAMPLE-STUDY-1")
                .set(Tags.ADMISSION_ID, "LO", "SAMPLE-ADM-0001")
                .setSequence(Tags.ISSUER_OF_ADMISSION_ID_SEQUENCE,
                        MappedAttributes.issuer("SAMPLE-ADT", uid(2), "ISO"))
                .setSequence(Tags.OTHER_PATIENT_IDS_SEQUENCE,
                        otherPatientId("SAMPLE-MRN-0001", "SAMPLE-HOSPITAL", uid(3)),
                        otherPatientId("SAMPLE-INS-0001", "SAMPLE-INSURER", uid(4)));
    }

    /** One Request Attributes item: procedure ID and code, placer and filler numbers with their issuers. */
    private static DicomObject requestedProcedure(int n, DicomObject procedureCode) {
        return new DicomObject()
                .set(Tags.REQUESTED_PROCEDURE_ID, "SH", "SAMPLE-RP-" + n)
                .setSequence(Tags.REQUESTED_PROCEDURE_CODE_SEQUENCE, procedureCode)
                .set(Tags.PLACER_ORDER_NUMBER, "LO", "SAMPLE-PLACER-" + n)
                .setSequence(Tags.ORDER_PLACER_IDENTIFIER_SEQUENCE,
                        MappedAttributes.issuer("SAMPLE-HIS", uid(5), "ISO"))
                .set(Tags.FILLER_ORDER_NUMBER, "LO", "SAMPLE-FILLER-" + n)
                .setSequence(Tags.ORDER_FILLER_IDENTIFIER_SEQUENCE,
                        MappedAttributes.issuer("SAMPLE-RIS", uid(1), "ISO"));
    }

    private static DicomObject otherPatientId(String id, String issuer, String issuerUid) {
        return new DicomObject().set(Tags.PATIENT_ID, "LO", id).set(Tags.ISSUER_OF_PATIENT_ID, "LO", issuer)
                .set(MappedAttributes.TYPE_OF_PATIENT_ID, "CS", "TEXT")
                .setSequence(Tags.ISSUER_OF_PATIENT_ID_QUALIFIERS_SEQUENCE, MappedAttributes.issuer(null, issuerUid, "ISO"));
    }

    /** The study's attributes plus the series' own: CT (series 1), MR knee (2), SR (3). */
    static DicomObject seriesAttributes(int series) {
        DicomObject ds = studyAttributes();
        switch (series) {
            case 0 -> ds
                    .set(Tags.PERFORMING_PHYSICIAN_NAME, "PN", "SMITH^ALEX^^DR", "JONES^SAM^^DR")
                    .setSequence(Tags.PERFORMING_PHYSICIAN_IDENTIFICATION_SEQUENCE,
                            MappedAttributes.person("Example General Hospital", MappedAttributes.code("RAD-0011", "L", "Dr Alex Smith")),
                            MappedAttributes.person("Example General Hospital", MappedAttributes.code("RAD-0012", "L", "Dr Sam Jones")))
                    .set(Tags.OPERATORS_NAME, "PN", "BLOGGS^JO")
                    .setSequence(Tags.OPERATOR_IDENTIFICATION_SEQUENCE,
                            MappedAttributes.person("Example General Hospital", MappedAttributes.code("TECH-0003", "L", "Jo Bloggs")))
                    // legacy SNOMED-RT coding, as older modalities still write it
                    .setSequence(Tags.ANATOMIC_REGION_SEQUENCE, MappedAttributes.code("T-D3000", "SRT", "Chest"))
                    .set(Tags.PERFORMED_LOCATION, "SH", "Imaging Room 1")
                    .setSequence(Tags.SPECIMEN_DESCRIPTION_SEQUENCE, new DicomObject()
                            .set(Tags.SPECIMEN_IDENTIFIER, "LO", "SAMPLE-SPECIMEN-1")
                            .set(MappedAttributes.SPECIMEN_UID, "UI", uid(6))
                            .setSequence(Tags.ISSUER_OF_THE_SPECIMEN_IDENTIFIER_SEQUENCE,
                                    MappedAttributes.issuer("SAMPLE-LIS", uid(7), "ISO")))
                    .putAll(equipment("Example Medical Devices", "Example CT 128", "CT-SN-0001", uid(8),
                            "CTROOM1", "(01)00844588003288(17)141120(10)7654321D(21)10987654d321", "CT-SW 4.2.1", "RECON 1.7"));
            case 1 -> ds
                    .set(Tags.PERFORMING_PHYSICIAN_NAME, "PN", "SMITH^ALEX^^DR")
                    .set(Tags.OPERATORS_NAME, "PN", "BLOGGS^JO")
                    // CID 244 laterality as a modifier of the region (PS3.3 C.8.4.x, Anatomic Region Modifier)
                    .setSequence(Tags.ANATOMIC_REGION_SEQUENCE, MappedAttributes.region(
                            MappedAttributes.code("72696002", "SCT", "Knee"), MappedAttributes.code("7771000", "SCT", "Left")))
                    .putAll(equipment("Sample Magnetics", "Example MR 1.5T", "MR-SN-0002", uid(9), "MRROOM2",
                            "+H123PARTNO1/$$420020216LOT123/SXYZ456789012345678/16D20130202C1", "MR-SW 11.0", "COILS 2.3"));
            default -> {
                // the report has no performed location: one study, one place (differing places would be voted)
            }
        }
        return ds;
    }

    /** Equipment Module attributes and a UDI Sequence with one identifier. */
    private static DicomObject equipment(String manufacturer, String model, String serial, String deviceUid, String station,
            String udi, String... softwareVersions) {
        return new DicomObject()
                .set(Tags.MANUFACTURER, "LO", manufacturer)
                .set(Tags.MANUFACTURER_MODEL_NAME, "LO", model)
                .set(Tags.DEVICE_SERIAL_NUMBER, "LO", serial)
                .set(Tags.DEVICE_UID, "UI", deviceUid)
                .set(Tags.SOFTWARE_VERSIONS, "LO", softwareVersions)
                .set(Tags.STATION_NAME, "SH", station)
                .setSequence(Tags.UDI_SEQUENCE, new DicomObject()
                        .set(Tags.UNIQUE_DEVICE_IDENTIFIER, "UT", udi));
    }

    public static List<Path> write(Path dir) throws IOException {
        return study().writeTo(dir);
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "samples/ct-chest");
        List<Path> files = write(dir);
        System.out.println("wrote " + files.size() + " files to " + dir);
    }
}
