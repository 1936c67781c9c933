package org.dicom2fhir.reader.part10;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dicom2fhir.api.WarningCode;
import org.dicom2fhir.api.dicom.DicomDataSet;
import org.dicom2fhir.api.dicom.DicomElement;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.dicom.Vr;
import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.codec.internal.Encoding;
import org.dicom2fhir.codec.internal.TransferSyntaxes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SequenceTest {
    private static final int OTHER_SEQUENCE = 0x00081115; // Referenced Series Sequence
    private final DicomReader reader = new Part10ReaderProvider().create();

    private static DataSetBytes code(Encoding enc, String value, String meaning) {
        return DataSetBytes.of(enc)
                .text(Tags.CODE_VALUE, "SH", value)
                .text(Tags.CODING_SCHEME_DESIGNATOR, "SH", "DCM")
                .text(Tags.CODE_MEANING, "LO", meaning);
    }

    /** Request Attributes Sequence > item > Reason Code Sequence > two items; both length styles. */
    private static byte[] nested(Encoding enc, boolean undefinedLengths) {
        DataSetBytes inner = DataSetBytes.of(enc).text(Tags.REASON_FOR_THE_REQUESTED_PROCEDURE, "LO", "Headache");
        DataSetBytes reasons1 = code(enc, "R1", "First");
        DataSetBytes reasons2 = code(enc, "R2", "Second");
        if (undefinedLengths) {
            inner.sequence(Tags.REASON_FOR_REQUESTED_PROCEDURE_CODE_SEQUENCE, reasons1, reasons2);
        } else {
            inner.definedSequence(Tags.REASON_FOR_REQUESTED_PROCEDURE_CODE_SEQUENCE, reasons1, reasons2);
        }
        DataSetBytes ds = DataSetBytes.of(enc)
                .text(Tags.SOP_INSTANCE_UID, "UI", "1.2.3")
                .text(Tags.ACCESSION_NUMBER, "SH", "A1");
        if (undefinedLengths) {
            ds.sequence(Tags.PROCEDURE_CODE_SEQUENCE, code(enc, "P1", "Proc"));
            ds.sequence(Tags.REQUEST_ATTRIBUTES_SEQUENCE, inner);
        } else {
            ds.definedSequence(Tags.PROCEDURE_CODE_SEQUENCE, code(enc, "P1", "Proc"));
            ds.definedSequence(Tags.REQUEST_ATTRIBUTES_SEQUENCE, inner);
        }
        ds.text(Tags.DOCUMENT_TITLE, "ST", "Title");
        return DataSetBytes.part10(enc.uid(), ds.toBytes());
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void readsNestedSequencesWithUndefinedLengths(Encoding enc) throws Exception {
        assertNested(reader.read(nested(enc, true), ReadOptions.defaults()));
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void readsNestedSequencesWithDefinedLengths(Encoding enc) throws Exception {
        assertNested(reader.read(nested(enc, false), ReadOptions.defaults()));
    }

    private static void assertNested(DicomReadResult r) {
        DicomDataSet ds = r.dataSet();
        assertThat(r.warnings()).isEmpty();
        assertThat(ds.get(Tags.PROCEDURE_CODE_SEQUENCE).vr()).isEqualTo(Vr.SQ);
        assertThat(ds.items(Tags.PROCEDURE_CODE_SEQUENCE)).singleElement()
                .satisfies(i -> assertThat(i.string(Tags.CODE_MEANING)).isEqualTo("Proc"));
        DicomDataSet request = ds.items(Tags.REQUEST_ATTRIBUTES_SEQUENCE).get(0);
        assertThat(request.string(Tags.REASON_FOR_THE_REQUESTED_PROCEDURE)).isEqualTo("Headache");
        assertThat(request.items(Tags.REASON_FOR_REQUESTED_PROCEDURE_CODE_SEQUENCE))
                .extracting(i -> i.string(Tags.CODE_VALUE)).containsExactly("R1", "R2");
        assertThat(ds.string(Tags.DOCUMENT_TITLE)).isEqualTo("Title");
        assertThat(ds.string(Tags.ACCESSION_NUMBER)).isEqualTo("A1");
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void materialisesOnlyTheRequestedTopLevelTagsButRequestedSequencesInFull(Encoding enc) throws Exception {
        byte[] file = nested(enc, true);

        DicomReadResult r = reader.read(file, ReadOptions.defaults().withTags(Tags.REQUEST_ATTRIBUTES_SEQUENCE,
                Tags.DOCUMENT_TITLE, Tags.PATIENT_NAME));

        assertThat(r.dataSet().elements()).extracting(DicomElement::tag)
                .containsExactly(Tags.REQUEST_ATTRIBUTES_SEQUENCE, Tags.DOCUMENT_TITLE);
        assertThat(r.dataSet().items(Tags.REQUEST_ATTRIBUTES_SEQUENCE).get(0)
                .items(Tags.REASON_FOR_REQUESTED_PROCEDURE_CODE_SEQUENCE)).hasSize(2);
    }

    @Test
    void emptySequencesAndEmptyItemsArePresent() throws Exception {
        byte[] file = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.explicitLittle()
                .header(Tags.PROCEDURE_CODE_SEQUENCE, "SQ", 0)
                .sequence(Tags.REQUEST_ATTRIBUTES_SEQUENCE, DataSetBytes.explicitLittle())
                .sequence(Tags.CONCEPT_NAME_CODE_SEQUENCE)
                .toBytes());

        DicomDataSet ds = reader.read(file, ReadOptions.defaults()).dataSet();

        assertThat(ds.get(Tags.PROCEDURE_CODE_SEQUENCE).items()).isEmpty();
        assertThat(ds.items(Tags.REQUEST_ATTRIBUTES_SEQUENCE)).singleElement().satisfies(i -> assertThat(i.isEmpty()).isTrue());
        assertThat(ds.get(Tags.CONCEPT_NAME_CODE_SEQUENCE).isSequence()).isTrue();
    }

    @Test
    void anUndefinedLengthUnIsReadAsAnImplicitLittleEndianSequence() throws Exception {
        DataSetBytes item = DataSetBytes.implicitLittle().text(Tags.CODE_VALUE, "SH", "X1").text(0x00091010, "LO", "private");
        DataSetBytes seq = DataSetBytes.implicitLittle();
        seq.marker(DataSetBytes.ITEM, DataSetBytes.UNDEFINED).bytes(item.toBytes()).marker(DataSetBytes.ITEM_END, 0)
                .marker(DataSetBytes.SEQUENCE_END, 0);
        byte[] file = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_BIG_ENDIAN, DataSetBytes.explicitBig()
                .header(0x00091000, "UN", DataSetBytes.UNDEFINED).bytes(seq.toBytes())
                .text(Tags.SOP_INSTANCE_UID, "UI", "1.2.3")
                .toBytes());

        DicomReadResult r = reader.read(file, ReadOptions.defaults());

        assertThat(r.dataSet().items(0x00091000)).singleElement()
                .satisfies(i -> assertThat(i.string(Tags.CODE_VALUE)).isEqualTo("X1"));
        assertThat(r.dataSet().string(Tags.SOP_INSTANCE_UID)).isEqualTo("1.2.3");
    }

    @Test
    void aDefinedLengthUnOfAKnownSequenceTagIsReadAsASequence() throws Exception {
        DataSetBytes items = DataSetBytes.implicitLittle().definedSequence(0, code(Encoding.IMPLICIT_VR_LITTLE_ENDIAN, "P1", "Proc"));
        byte[] body = java.util.Arrays.copyOfRange(items.toBytes(), 8, items.size()); // drop the dummy header
        byte[] file = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.explicitLittle()
                .raw(Tags.PROCEDURE_CODE_SEQUENCE, "UN", body)
                .raw(Tags.PATIENT_NAME, "UN", "Doe^John".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .toBytes());

        DicomDataSet ds = reader.read(file, ReadOptions.defaults()).dataSet();

        assertThat(ds.items(Tags.PROCEDURE_CODE_SEQUENCE)).singleElement()
                .satisfies(i -> assertThat(i.string(Tags.CODE_MEANING)).isEqualTo("Proc"));
        assertThat(ds.get(Tags.PATIENT_NAME).vr()).isEqualTo(Vr.PN);
        assertThat(ds.string(Tags.PATIENT_NAME)).isEqualTo("Doe^John");
    }

    @Test
    void implicitVrSequencesOfKnownTagsWithDefinedLengthAreParsed() throws Exception {
        byte[] file = DataSetBytes.part10(TransferSyntaxes.IMPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.implicitLittle()
                .definedSequence(Tags.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE, DataSetBytes.implicitLittle()
                        .text(Tags.UNIVERSAL_ENTITY_ID, "UT", "1.2.3.4")
                        .text(Tags.UNIVERSAL_ENTITY_ID_TYPE, "CS", "ISO"))
                .definedSequence(0x00091020, DataSetBytes.implicitLittle().text(Tags.CODE_VALUE, "SH", "X"))
                .toBytes());

        DicomDataSet ds = reader.read(file, ReadOptions.defaults()).dataSet();

        DicomDataSet issuer = ds.items(Tags.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE).get(0);
        assertThat(issuer.string(Tags.UNIVERSAL_ENTITY_ID)).isEqualTo("1.2.3.4");
        assertThat(issuer.get(Tags.UNIVERSAL_ENTITY_ID_TYPE).vr()).isEqualTo(Vr.CS);
        // an unknown private tag with a defined length stays opaque
        assertThat(ds.get(0x00091020).vr()).isEqualTo(Vr.UN);
        assertThat(ds.get(0x00091020).values()).isEmpty();
    }

    @Test
    void pixelDataInsideASequenceIsSkippedNotAnEndOfTheHeader() throws Exception {
        DataSetBytes icon = DataSetBytes.explicitLittle()
                .us(0x00280010, 4)
                .header(Tags.PIXEL_DATA, "OB", DataSetBytes.UNDEFINED)
                .marker(DataSetBytes.ITEM, 0)
                // fragment bytes that look like a sequence delimiter must not end anything
                .marker(DataSetBytes.ITEM, 8).marker(DataSetBytes.SEQUENCE_END, 0)
                .marker(DataSetBytes.SEQUENCE_END, 0);
        DataSetBytes icon2 = DataSetBytes.explicitLittle().raw(Tags.PIXEL_DATA, "OW", new byte[16]);
        byte[] file = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.explicitLittle()
                .sequence(0x00880200, icon, icon2)
                .text(Tags.SOP_INSTANCE_UID, "UI", "1.2.3")
                .toBytes());

        DicomReadResult r = reader.read(file, ReadOptions.defaults());

        List<DicomDataSet> icons = r.dataSet().items(0x00880200);
        assertThat(icons).hasSize(2);
        assertThat(icons.get(0).get(Tags.PIXEL_DATA).vr()).isEqualTo(Vr.OB);
        assertThat(icons.get(0).get(Tags.PIXEL_DATA).values()).isEmpty();
        assertThat(icons.get(0).string(0x00280010)).isEqualTo("4");
        assertThat(r.dataSet().string(Tags.SOP_INSTANCE_UID)).isEqualTo("1.2.3");
        assertThat(r.warnings()).isEmpty();

        // skipped rather than kept: still walked correctly
        assertThat(reader.read(file, ReadOptions.defaults().withTags(Tags.SOP_INSTANCE_UID)).dataSet().string(Tags.SOP_INSTANCE_UID))
                .isEqualTo("1.2.3");
    }

    @Test
    void anUnrequestedUndefinedLengthSequenceIsWalkedWithoutMaterialising() throws Exception {
        DataSetBytes deep = DataSetBytes.explicitLittle().text(Tags.CODE_VALUE, "SH", "X");
        for (int i = 0; i < 10; i++) {
            deep = DataSetBytes.explicitLittle().sequence(OTHER_SEQUENCE, deep);
        }
        byte[] file = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.explicitLittle()
                .bytes(deep.toBytes())
                .text(Tags.SOP_INSTANCE_UID, "UI", "1.2.3")
                .toBytes());

        DicomReadResult r = reader.read(file, ReadOptions.defaults().withTags(Tags.SOP_INSTANCE_UID));

        assertThat(r.dataSet().elements()).extracting(DicomElement::tag).containsExactly(Tags.SOP_INSTANCE_UID);
    }

    @Test
    void anItemWithoutItsDelimiterIsEndedByTheSequenceDelimiterWithAWarning() throws Exception {
        DataSetBytes ds = DataSetBytes.explicitLittle()
                .header(Tags.PROCEDURE_CODE_SEQUENCE, "SQ", DataSetBytes.UNDEFINED)
                .marker(DataSetBytes.ITEM, DataSetBytes.UNDEFINED)
                .text(Tags.CODE_VALUE, "SH", "P1")
                .marker(DataSetBytes.SEQUENCE_END, 0)
                .text(Tags.SOP_INSTANCE_UID, "UI", "1.2.3");
        byte[] file = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, ds.toBytes());

        DicomReadResult r = reader.read(file, ReadOptions.defaults());

        assertThat(r.dataSet().items(Tags.PROCEDURE_CODE_SEQUENCE)).singleElement()
                .satisfies(i -> assertThat(i.string(Tags.CODE_VALUE)).isEqualTo("P1"));
        assertThat(r.dataSet().string(Tags.SOP_INSTANCE_UID)).isEqualTo("1.2.3");
        assertThat(r.warnings()).extracting(w -> w.code()).containsExactly(WarningCode.MALFORMED);
    }

    @Test
    void anItemWhoseLengthOverrunsItsSequenceIsCutThereWithAWarning() throws Exception {
        DataSetBytes item = code(Encoding.EXPLICIT_VR_LITTLE_ENDIAN, "P1", "Proc");
        DataSetBytes body = DataSetBytes.explicitLittle().marker(DataSetBytes.ITEM, item.size() + 40).bytes(item.toBytes());
        byte[] file = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.explicitLittle()
                .raw(Tags.PROCEDURE_CODE_SEQUENCE, "SQ", body.toBytes())
                .text(Tags.SOP_INSTANCE_UID, "UI", "1.2.3")
                .text(0x00200010, "SH", "padding to keep the file long enough....")
                .toBytes());

        DicomReadResult r = reader.read(file, ReadOptions.defaults());

        assertThat(r.dataSet().items(Tags.PROCEDURE_CODE_SEQUENCE)).singleElement()
                .satisfies(i -> assertThat(i.string(Tags.CODE_VALUE)).isEqualTo("P1"));
        assertThat(r.dataSet().string(Tags.SOP_INSTANCE_UID)).isEqualTo("1.2.3");
        assertThat(r.warnings()).extracting(w -> w.code()).containsExactly(WarningCode.MALFORMED);
    }

    @Test
    void aDelimitedSequenceThatRunsIntoTheEndOfItsDefinedLengthItemEndsThere() throws Exception {
        // inner undefined-length sequence without delimiters, inside a defined-length item
        DataSetBytes inner = DataSetBytes.explicitLittle()
                .text(Tags.CODE_VALUE, "SH", "OUTER")
                .header(Tags.CONCEPT_NAME_CODE_SEQUENCE, "SQ", DataSetBytes.UNDEFINED)
                .marker(DataSetBytes.ITEM, DataSetBytes.UNDEFINED)
                .text(Tags.CODE_VALUE, "SH", "INNER");
        byte[] file = DataSetBytes.part10(TransferSyntaxes.EXPLICIT_VR_LITTLE_ENDIAN, DataSetBytes.explicitLittle()
                .definedSequence(Tags.PROCEDURE_CODE_SEQUENCE, inner, DataSetBytes.explicitLittle().text(Tags.CODE_VALUE, "SH", "NEXT"))
                .text(Tags.SOP_INSTANCE_UID, "UI", "1.2.3")
                .toBytes());

        DicomReadResult r = reader.read(file, ReadOptions.defaults());

        List<DicomDataSet> items = r.dataSet().items(Tags.PROCEDURE_CODE_SEQUENCE);
        assertThat(items).extracting(i -> i.string(Tags.CODE_VALUE)).containsExactly("OUTER", "NEXT");
        assertThat(items.get(0).items(Tags.CONCEPT_NAME_CODE_SEQUENCE)).singleElement()
                .satisfies(i -> assertThat(i.string(Tags.CODE_VALUE)).isEqualTo("INNER"));
        assertThat(r.dataSet().string(Tags.SOP_INSTANCE_UID)).isEqualTo("1.2.3");
        assertThat(r.warnings()).extracting(w -> w.code()).containsOnly(WarningCode.MALFORMED).hasSize(2);
    }
}
