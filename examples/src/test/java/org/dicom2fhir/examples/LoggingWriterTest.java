package org.dicom2fhir.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.core.ConversionResult;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.testkit.GeneratedStudy;
import org.dicom2fhir.testkit.StudyGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What hapi-logged adds beyond the contract: hapi's bytes, plus one line per resource written. */
class LoggingWriterTest {
    @Test
    void writesHapisBytesAndLogsOneValueFreeLinePerResource(@TempDir Path dir) throws IOException {
        GeneratedStudy study = StudyGenerator.builder().seed(7).series(2).instancesPerSeries(2)
                .patient("Secret^Name", "SECRET-ID", "F", "19800101").build();
        study.writeTo(dir);
        List<String> lines = new CopyOnWriteArrayList<>();

        ConversionResult logged = Converter.builder().writer(new LoggingWriterProvider(lines::add)).build().convert(dir);
        ConversionResult plain = Converter.builder().writer("hapi").build().convert(dir);

        assertThat(write(logged)).isEqualTo(write(plain));
        assertThat(lines).singleElement().asString()
                .startsWith("wrote ImagingStudy/" + plain.studies().get(0).id() + " (4 instances) as JSON in ")
                .doesNotContain("Secret", "SECRET");
        assertThat(logged.resource()).isInstanceOf(org.hl7.fhir.r4.model.ImagingStudy.class);
    }

    @Test
    void isSelectedByName(@TempDir Path dir) throws IOException {
        StudyGenerator.builder().seed(8).series(1).instancesPerSeries(1).build().writeTo(dir);
        Converter converter = Converter.builder().writer("hapi-logged").build();
        assertThat(converter.writerProvider()).isInstanceOf(LoggingWriterProvider.class);
        assertThat(converter.writerProvider().description()).startsWith("HAPI FHIR ").endsWith(", logging every resource written");
        assertThat(write(converter.convert(dir))).isNotEmpty();
    }

    private static byte[] write(ConversionResult result) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result.writeTo(out, WriteOptions.json());
        return out.toByteArray();
    }
}
