package org.dicom2fhir.examples;

// Every import of this file is inside the region below, so the README's import block is exactly what
// the examples need to compile.
// example:imports
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.dicom2fhir.api.Disposition;
import org.dicom2fhir.api.Limits;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.core.ConversionResult;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.core.Dicom2Fhir;
import org.dicom2fhir.core.FileOutcome;
import org.dicom2fhir.core.FileReport;
import org.dicom2fhir.core.InstanceFacts;
import org.dicom2fhir.core.StudyConversion;
// end-example

/**
 * The README's "Library use" examples. The code between {@code // example:NAME} and
 * {@code // end-example} is what the README shows (ReadmeExamplesTest keeps the two equal);
 * LibraryExamplesTest runs every example against a generated study.
 */
public final class LibraryExamples {
    private LibraryExamples() {
    }

    /** The one-liner: the selected writer's native ImagingStudy (HAPI R4 by default). */
    public static Object oneLiner(Path studyDir) throws IOException {
        // example:one-liner
        Object imagingStudy = Dicom2Fhir.processDicom2Fhir(studyDir);
        // end-example
        return imagingStudy;
    }

    /** The typed one-liner, HAPI FHIR R4. */
    public static org.hl7.fhir.r4.model.ImagingStudy hapiR4(Path studyDir) throws IOException {
        // example:hapi-r4
        org.hl7.fhir.r4.model.ImagingStudy imagingStudy =
                Dicom2Fhir.processDicom2Fhir(studyDir, org.hl7.fhir.r4.model.ImagingStudy.class);
        // end-example
        return imagingStudy;
    }

    /** The typed one-liner, HAPI FHIR R5. */
    public static org.hl7.fhir.r5.model.ImagingStudy hapiR5(Path studyDir) throws IOException {
        // example:hapi-r5
        org.hl7.fhir.r5.model.ImagingStudy imagingStudy =
                Dicom2Fhir.processDicom2Fhir(studyDir, org.hl7.fhir.r5.model.ImagingStudy.class);
        // end-example
        return imagingStudy;
    }

    /** The typed one-liner, IBM FHIR model (R4). */
    public static com.ibm.fhir.model.resource.ImagingStudy ibm(Path studyDir) throws IOException {
        // example:ibm
        com.ibm.fhir.model.resource.ImagingStudy imagingStudy =
                Dicom2Fhir.processDicom2Fhir(studyDir, com.ibm.fhir.model.resource.ImagingStudy.class);
        // end-example
        return imagingStudy;
    }

    /** What {@link #builder} gives: the native ImagingStudy and the whole result. */
    public record BuilderOutcome(org.hl7.fhir.r4.model.ImagingStudy imagingStudy, ConversionResult result) {
    }

    /** The builder: every option, the typed resource, streaming JSON to {@code out}, the per-file report. */
    public static BuilderOutcome builder(Path studyDir, OutputStream out) throws IOException {
        // example:builder
        Converter converter = Converter.builder()      // build once: immutable and thread-safe
                .reader("part10")                      // or an instance; else property dicom2fhir.reader, else the default
                .writer("hapi")                        // or writerFor(org.hl7.fhir.r5.model.ImagingStudy.class)
                .timezone(ZoneId.of("Europe/Berlin"))  // for DICOM times without (0008,0201)
                .endpoint("https://pacs.example.org/dicom-web")  // optional contained DICOMweb Endpoint
                .split(false)                          // true: one ImagingStudy per study, in a collection Bundle
                .limits(Limits.defaults().withMaxDirectoryDepth(8))  // docs/reliability.md
                .build();
        ConversionResult result = converter.convert(studyDir);
        org.hl7.fhir.r4.model.ImagingStudy imagingStudy = result.resource(org.hl7.fhir.r4.model.ImagingStudy.class);
        result.writeTo(out, WriteOptions.prettyJson());  // e.g. System.out; flushed, never closed
        for (FileReport file : result.report().files()) {
            if (file.disposition() != Disposition.INCLUDED) {  // skipped or failed: a reason code, a value-free message
                System.err.println(file.path() + ": " + file.reason() + ": " + file.message());
            }
        }
        // end-example
        return new BuilderOutcome(imagingStudy, result);
    }

    /** The two public steps as a batch engine uses them: read anywhere, group by study, map; no writer. */
    public static List<StudyData> readAndMap(Path studyDir) throws IOException {
        // example:read-and-map
        Converter converter = Converter.builder().reader("part10").build();  // no writer: neither step needs one

        // step 1, on any machine: each file to its small, serialisable facts (or a report saying why not)
        Map<String, List<InstanceFacts>> factsByStudy = new TreeMap<>();
        try (Stream<Path> files = Files.walk(studyDir)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                // one outcome per instance the file holds (a ZIP archive: one per entry; DICOM JSON: per instance)
                for (FileOutcome outcome : converter.readFile(file,
                        studyDir.relativize(file).toString().replace(File.separatorChar, '/'))) {
                    if (outcome.included()) {
                        InstanceFacts facts = outcome.facts();
                        factsByStudy.computeIfAbsent(facts.studyInstanceUid(), uid -> new ArrayList<>()).add(facts);
                    }
                }
            });
        }

        // step 2, once per study (e.g. after shuffling the facts by Study Instance UID): the neutral study
        List<StudyData> studies = new ArrayList<>();
        for (List<InstanceFacts> facts : factsByStudy.values()) {
            StudyConversion conversion = converter.mapStudy(facts);  // also: warnings(), duplicates()
            studies.add(conversion.study());  // render later with any writer: writer.write(study, out, options)
        }
        // end-example
        return studies;
    }
}
