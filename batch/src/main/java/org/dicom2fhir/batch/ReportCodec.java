package org.dicom2fhir.batch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.WarningCode;
import org.dicom2fhir.core.FileReport;

/** A not-included file's report in the store: reason, message and warnings (the path is the store key). */
final class ReportCodec {
    private ReportCodec() {
    }

    static byte[] encode(FileReport report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(report.reason().name());
            FactCodec.writeString(out, report.message());
            out.writeInt(report.warnings().size());
            for (Warning w : report.warnings()) {
                out.writeUTF(w.code().name());
                FactCodec.writeString(out, w.message());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    static FileReport decode(String path, byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            ReasonCode reason = ReasonCode.valueOf(in.readUTF());
            String message = FactCodec.readString(in);
            int count = in.readInt();
            List<Warning> warnings = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                warnings.add(new Warning(WarningCode.valueOf(in.readUTF()), FactCodec.readString(in)));
            }
            return FileReport.notIncluded(path, reason, message, warnings);
        } catch (IOException e) {
            throw new UncheckedIOException("the store holds a damaged report", e);
        }
    }
}
