package org.dicom2fhir.reader.part10;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dicom2fhir.api.dicom.DicomDataSet;
import org.dicom2fhir.api.dicom.DicomElement;
import org.dicom2fhir.api.dicom.Vr;
import org.dicom2fhir.codec.internal.ElementHeader;
import org.dicom2fhir.codec.internal.FileStart;
import org.dicom2fhir.codec.internal.ReadWarnings;
import org.dicom2fhir.codec.internal.SpecificCharacterSet;

/** The File Meta group as this reader keeps it: each element {@link FileStart} walks, decoded into values. */
final class FileMeta implements FileStart.MetaElements {
    /** File Meta elements are single-valued: a few values each is plenty. */
    private static final int MAX_VALUES = 16;

    private final Window w;
    private final ReadWarnings warnings;
    private final List<DicomElement> elements = new ArrayList<>();

    FileMeta(Window w, ReadWarnings warnings) {
        this.w = w;
        this.warnings = warnings;
    }

    @Override
    public boolean take(ElementHeader h, long pos) throws IOException {
        int i = w.fetch(h.valuePos(), h.length());
        if (i < 0) {
            return false;
        }
        Vr vr = h.vr() != null ? h.vr() : VrDictionary.lookup(h.tag());
        if (vr == null || vr == Vr.SQ) {
            vr = Vr.UN;
        }
        List<String> values = ValueDecoder.decode(vr, h.tag(), w.buffer(), i, (int) h.length(), false,
                SpecificCharacterSet.DEFAULT, warnings, MAX_VALUES);
        elements.add(new DicomElement(h.tag(), vr, values, List.of()));
        return true;
    }

    /** Group 0002 as read; empty when the file has none. */
    DicomDataSet dataSet() {
        return DicomDataSet.of(elements);
    }
}
