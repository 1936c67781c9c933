package org.dicom2fhir.cli;

import java.util.List;
import org.dicom2fhir.api.Disposition;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.core.ConversionReport;
import org.dicom2fhir.core.FileReport;
import org.dicom2fhir.delivery.Delivery;

/**
 * The {@code --report} file: an object with {@code studyDir} (as given), {@code files} (one entry per
 * file, one per line, so that it reads well and diffs well), the run's {@code warnings} and the
 * {@code totals} (files, included, skipped, failed, studies, series, instances). Every file entry has
 * {@code path} (relative to STUDY_DIR) and {@code disposition}; included files always carry
 * {@code warnings} (code and message); skipped and failed ones carry {@code reason} and
 * {@code message}, and {@code warnings} only when they have some. Pinned by {@code SmallPartsTest}.
 *
 * <p>With {@code --post} (and the dry run of {@code --patient bundle|reference}) a {@code delivery} array
 * follows the warnings: one object per study with {@code studyInstanceUid}, {@code httpStatus} (0: no
 * answer), {@code outcome} ({@code created}, {@code updated}, {@code unchanged}, {@code rejected},
 * {@code ambiguous-patient}, {@code not-sent}, {@code invalid}, {@code unreachable}), {@code reason},
 * {@code id}, {@code version} (null when none) and {@code issues} (severity, code, expression; never a
 * server's diagnostics, which quote patient data); with {@code --merge}, {@code conflicts} when a write found the
 * study changed by another client (the HTTP statuses that made the merge read it again).
 */
final class ReportJson {
    private ReportJson() {
    }

    static String render(String studyDirAsGiven, ConversionReport report) {
        return render(studyDirAsGiven, report, null);
    }

    /** @param deliveries null: no {@code delivery} array */
    static String render(String studyDirAsGiven, ConversionReport report, List<Delivery> deliveries) {
        StringBuilder out = new StringBuilder(256 + 96 * report.files().size());
        out.append("{\n");
        out.append("  \"studyDir\": ").append(JsonText.string(studyDirAsGiven)).append(",\n");
        out.append("  \"files\": [");
        List<FileReport> files = report.files();
        for (int i = 0; i < files.size(); i++) {
            out.append(i == 0 ? "\n    " : ",\n    ");
            file(out, files.get(i));
        }
        out.append(files.isEmpty() ? "],\n" : "\n  ],\n");
        out.append("  \"warnings\": [");
        List<Warning> warnings = report.warnings();
        for (int i = 0; i < warnings.size(); i++) {
            out.append(i == 0 ? "\n    " : ",\n    ");
            warning(out, warnings.get(i));
        }
        out.append(warnings.isEmpty() ? "],\n" : "\n  ],\n");
        if (deliveries != null) {
            out.append("  \"delivery\": [");
            for (int i = 0; i < deliveries.size(); i++) {
                out.append(i == 0 ? "\n    " : ",\n    ");
                delivery(out, deliveries.get(i));
            }
            out.append(deliveries.isEmpty() ? "],\n" : "\n  ],\n");
        }
        ConversionReport.Totals t = report.totals();
        out.append("  \"totals\": {\"files\": ").append(t.files())
                .append(", \"included\": ").append(t.included())
                .append(", \"skipped\": ").append(t.skipped())
                .append(", \"failed\": ").append(t.failed())
                .append(", \"studies\": ").append(t.studies())
                .append(", \"series\": ").append(t.series())
                .append(", \"instances\": ").append(t.instances())
                .append("}\n");
        return out.append("}\n").toString();
    }

    private static void file(StringBuilder out, FileReport file) {
        out.append("{\"path\": ").append(JsonText.string(file.path()))
                .append(", \"disposition\": ").append(JsonText.string(file.disposition().word()));
        if (file.disposition() != Disposition.INCLUDED) {
            out.append(", \"reason\": ").append(JsonText.string(file.reason().name()));
            out.append(", \"message\": ").append(JsonText.string(file.message() == null ? "" : file.message()));
        }
        if (file.disposition() == Disposition.INCLUDED || !file.warnings().isEmpty()) {
            out.append(", \"warnings\": [");
            for (int i = 0; i < file.warnings().size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                warning(out, file.warnings().get(i));
            }
            out.append(']');
        }
        out.append('}');
    }

    private static void delivery(StringBuilder out, Delivery d) {
        out.append(d.toJson());
    }

    private static void warning(StringBuilder out, Warning warning) {
        out.append("{\"code\": ").append(JsonText.string(warning.code().name()))
                .append(", \"message\": ").append(JsonText.string(warning.message())).append('}');
    }
}
