package org.dicom2fhir.reader.part10;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.spi.BackendOptions;
import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.api.spi.DicomReaderProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReaderContractTest {
    private final DicomReader reader = new Part10ReaderProvider().create(BackendOptions.empty());

    @Test
    void theProviderIsFoundByServiceLoaderUnderItsName() {
        List<DicomReaderProvider> providers = new ArrayList<>();
        ServiceLoader.load(DicomReaderProvider.class).forEach(providers::add);

        assertThat(providers).filteredOn(p -> p.name().equals("part10")).singleElement()
                .isInstanceOf(Part10ReaderProvider.class)
                .satisfies(p -> assertThat(p.description()).isNotBlank());
    }

    private static List<byte[]> samples() {
        List<byte[]> files = new ArrayList<>();
        for (Encoding enc : Encoding.values()) {
            files.add(DataSetBytes.part10(enc.uid, DataSetBytes.typical(enc)
                    .sequence(Tags.PROCEDURE_CODE_SEQUENCE, DataSetBytes.of(enc).text(Tags.CODE_VALUE, "SH", "P")).toBytes()));
            files.add(DataSetBytes.typical(enc).toBytes());
        }
        files.add(DataSetBytes.part10(TransferSyntaxes.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
                DataSetBytes.deflate(DataSetBytes.typical(Encoding.EXPLICIT_VR_LITTLE_ENDIAN).toBytes())));
        return files;
    }

    /** A stream that hands out one byte at a time: the slowest legal stream. */
    private static InputStream trickle(byte[] b) {
        return new FilterInputStream(new ByteArrayInputStream(b)) {
            @Override
            public int read(byte[] dst, int off, int len) throws IOException {
                return super.read(dst, off, Math.min(len, 1));
            }
        };
    }

    @Test
    void pathsStreamsAndArraysGiveTheSameResult(@TempDir Path dir) throws Exception {
        int n = 0;
        for (byte[] content : samples()) {
            Path file = Files.write(dir.resolve("f" + n++), content);
            for (ReadOptions options : new ReadOptions[] {ReadOptions.defaults(), ReadOptions.defaults().withTags(Tags.PATIENT_NAME)}) {
                DicomReadResult fromArray = reader.read(content, options);
                assertThat(reader.read(file, options)).isEqualTo(fromArray);
                assertThat(reader.read(new ByteArrayInputStream(content), options)).isEqualTo(fromArray);
                assertThat(reader.read(trickle(content), options)).isEqualTo(fromArray);
            }
        }
    }

    @Test
    void theStreamIsNotClosed() throws Exception {
        boolean[] closed = {false};
        InputStream in = new FilterInputStream(new ByteArrayInputStream(samples().get(0))) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        reader.read(in, ReadOptions.defaults());

        assertThat(closed[0]).isFalse();
    }

    @Test
    void oneReaderServesManyThreadsAtOnce(@TempDir Path dir) throws Exception {
        List<byte[]> contents = samples();
        List<Path> files = new ArrayList<>();
        List<DicomReadResult> expected = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            files.add(Files.write(dir.resolve("f" + i), contents.get(i)));
            expected.add(reader.read(contents.get(i), ReadOptions.defaults()));
        }
        ReadOptions[] options = {ReadOptions.defaults(), ReadOptions.defaults().withTags(Tags.SOP_INSTANCE_UID)};
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                futures.add(pool.submit(() -> {
                    for (int k = 0; k < 2000; k++) {
                        int i = (k * 7 + seed) % files.size();
                        ReadOptions o = options[(k + seed) % 2];
                        DicomReadResult r = reader.read(files.get(i), o);
                        boolean ok = o == options[0] ? r.equals(expected.get(i))
                                : r.dataSet().string(Tags.SOP_INSTANCE_UID).equals("1.2.3.4.5.6.7") && r.dataSet().size() == 1;
                        if (!ok) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : futures) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
