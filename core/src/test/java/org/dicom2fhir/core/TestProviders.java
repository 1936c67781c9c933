package org.dicom2fhir.core;

import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.api.spi.DicomReaderProvider;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.FhirWriterProvider;

/** Providers that test plug-in class loaders list in their META-INF/services files. */
public final class TestProviders {
    private TestProviders() {
    }

    /** A reader that remembers which provider made it. */
    public static final class NamedReader implements DicomReader {
        public final String providerName;
        private final FakeReader delegate = new FakeReader();

        NamedReader(String providerName) {
            this.providerName = providerName;
        }

        @Override
        public org.dicom2fhir.api.dicom.DicomReadResult read(java.nio.file.Path file,
                org.dicom2fhir.api.dicom.ReadOptions options) throws java.io.IOException {
            return delegate.read(file, options);
        }

        @Override
        public org.dicom2fhir.api.dicom.DicomReadResult read(java.io.InputStream in,
                org.dicom2fhir.api.dicom.ReadOptions options) throws java.io.IOException {
            return delegate.read(in, options);
        }
    }

    abstract static class ReaderBase implements DicomReaderProvider {
        @Override
        public String description() {
            return "test reader " + name() + " 1.0";
        }

        @Override
        public DicomReader create() {
            return new NamedReader(name());
        }
    }

    public static final class FakeReaderProvider extends ReaderBase {
        @Override
        public String name() {
            return "fake";
        }
    }

    public static final class OtherReaderProvider extends ReaderBase {
        @Override
        public String name() {
            return "other";
        }
    }

    /** Carries the documented default name. */
    public static final class Part10NamedReaderProvider extends ReaderBase {
        @Override
        public String name() {
            return "part10";
        }
    }

    /** Same name as {@link FakeReaderProvider}. */
    public static final class DuplicateFakeReaderProvider extends ReaderBase {
        @Override
        public String name() {
            return "fake";
        }
    }

    /** Fails while the service loader instantiates it. */
    public static final class BrokenReaderProvider extends ReaderBase {
        public BrokenReaderProvider() {
            throw new IllegalStateException("boom from the constructor");
        }

        @Override
        public String name() {
            return "broken";
        }
    }

    /** Loads, but fails to create its reader. */
    public static final class FailingCreateReaderProvider extends ReaderBase {
        @Override
        public String name() {
            return "failing";
        }

        @Override
        public DicomReader create() {
            throw new IllegalStateException("native library missing");
        }
    }

    abstract static class WriterBase implements FhirWriterProvider {
        @Override
        public String description() {
            return "test writer " + name() + " 1.0";
        }

        @Override
        public FhirRelease release() {
            return FhirRelease.R4;
        }

        @Override
        public String nativeResourceClassName() {
            return FakeImagingStudy.class.getName();
        }

        @Override
        public FhirWriter create() {
            return new FakeWriter(name());
        }
    }

    public static final class FakeWriterProvider extends WriterBase {
        @Override
        public String name() {
            return "fakew";
        }
    }

    /** Carries the documented default name, but produces another native class. */
    public static final class HapiNamedWriterProvider extends WriterBase {
        @Override
        public String name() {
            return "hapi";
        }

        @Override
        public String nativeResourceClassName() {
            return "org.example.OtherImagingStudy";
        }
    }

    /** A second writer of the fake's native class. */
    public static final class SecondFakeWriterProvider extends WriterBase {
        @Override
        public String name() {
            return "fakew2";
        }
    }
}
