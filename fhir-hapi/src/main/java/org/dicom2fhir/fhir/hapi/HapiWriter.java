package org.dicom2fhir.fhir.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.json.BaseJsonLikeWriter;
import ca.uhn.fhir.parser.json.jackson.JacksonWriter;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import org.dicom2fhir.api.FhirWriteException;
import org.dicom2fhir.api.model.PatientData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.model.TransactionData;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.api.spi.WriterStreams;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * One FHIR release on HAPI (R4 with {@link R4Mapper}, R5 with {@link R5Mapper}). Thread-safe: the model
 * objects are built per call, the {@code FhirContext} is shared (HAPI documents it as thread-safe) and
 * a parser is created per encode (parsers are not shared). Resources are streamed as UTF-8 through
 * {@link WriterStreams}, never built as one string.
 *
 * @param <S> the release's ImagingStudy
 * @param <B> the release's Bundle
 */
final class HapiWriter<S extends IBaseResource, B extends IBaseBundle> implements FhirWriter {
    private static final JsonWriteFeature COMBINE_PAIRS = combinePairs();

    /**
     * The generators of HAPI's JSON parser, without a codec. HAPI's own generators carry HAPI's ObjectMapper and
     * write every primitive value through it (a databind serializer provider per value: 9 % of the CPU of a batch of
     * single-instance studies); without a codec jackson-core writes the same strings, numbers and booleans itself.
     * As HAPI's: the target is not closed with the generator. Its UTF-8 generators write surrogate pairs as 4-byte
     * sequences, as HAPI's writer (an OutputStreamWriter) does, where jackson-core can (see {@link #COMBINE_PAIRS}).
     */
    private static final JsonFactory PLAIN_JSON = plainJson();

    private static JsonFactory plainJson() {
        var builder = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET);
        return COMBINE_PAIRS == null ? builder.build() : builder.enable(COMBINE_PAIRS).build();
    }

    private final AsyncFhirContext context;
    /** For messages, e.g. {@code HAPI FHIR R4}. */
    private final String library;
    private final BiFunction<StudyData, Reuse, S> studyMapping;
    private final BiFunction<List<StudyData>, Reuse, B> bundleMapping;
    private final BiFunction<TransactionData, Reuse, B> transactionMapping;
    private final BiFunction<PatientData, String, IBaseResource> patientMapping;
    /** R4: JSON straight from the neutral model where HAPI's would be the same ({@link R4Json}). */
    private final boolean directJson;

    HapiWriter(AsyncFhirContext context, FhirRelease release, BiFunction<StudyData, Reuse, S> studyMapping,
            BiFunction<List<StudyData>, Reuse, B> bundleMapping,
            BiFunction<TransactionData, Reuse, B> transactionMapping,
            BiFunction<PatientData, String, IBaseResource> patientMapping) {
        this.context = context;
        this.library = "HAPI FHIR " + release;
        this.studyMapping = studyMapping;
        this.bundleMapping = bundleMapping;
        this.transactionMapping = transactionMapping;
        this.patientMapping = patientMapping;
        this.directJson = release == FhirRelease.R4;
    }

    /** The shared context of the release (one per JVM, see the providers). */
    AsyncFhirContext context() {
        return context;
    }

    @Override
    public S toNative(StudyData study) {
        Objects.requireNonNull(study, "study");
        return FhirWriteException.wrapping(library, "build the ImagingStudy", () -> studyMapping.apply(study, Reuse.NONE));
    }

    @Override
    public B toNativeBundle(List<StudyData> studies) {
        List<StudyData> copy = List.copyOf(studies); // rejects null studies
        return FhirWriteException.wrapping(library, "build the Bundle", () -> bundleMapping.apply(copy, Reuse.NONE));
    }

    @Override
    public void write(StudyData study, OutputStream out, WriteOptions options) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(study, "study");
        if (direct(options) && R4Json.plain(study)) {
            encodeDirect(out, options, "ImagingStudy", json -> R4Json.imagingStudy(study, json));
            return;
        }
        // encoded and dropped: equal per-instance values may be shared (see Reuse)
        encode(FhirWriteException.wrapping(library, "build the ImagingStudy",
                () -> studyMapping.apply(study, Reuse.forEncoding())), out, options);
    }

    @Override
    public void writeBundle(List<StudyData> studies, OutputStream out, WriteOptions options) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        List<StudyData> copy = List.copyOf(studies); // rejects null studies
        if (direct(options) && copy.stream().allMatch(R4Json::plain)) {
            encodeDirect(out, options, "Bundle", json -> R4Json.bundle(copy, json));
            return;
        }
        encode(FhirWriteException.wrapping(library, "build the Bundle",
                () -> bundleMapping.apply(copy, Reuse.forEncoding())), out, options);
    }

    @Override
    public void writeTransaction(TransactionData tx, OutputStream out, WriteOptions options) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(tx, "tx");
        if (direct(options) && R4Json.plain(tx)) {
            encodeDirect(out, options, "Bundle", json -> R4Json.transaction(tx, json));
            return;
        }
        encode(FhirWriteException.wrapping(library, "build the transaction Bundle",
                () -> transactionMapping.apply(tx, Reuse.forEncoding())), out, options);
    }

    @Override
    public void writePatient(PatientData patient, String id, OutputStream out, WriteOptions options) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(id, "id");
        if (direct(options) && R4Json.plain(patient, id)) {
            encodeDirect(out, options, "Patient", json -> R4Json.patient(patient, id, json));
            return;
        }
        encode(FhirWriteException.wrapping(library, "build the Patient", () -> patientMapping.apply(patient, id)), out,
                options);
    }

    private boolean direct(WriteOptions options) {
        return directJson && options.format() == OutputFormat.JSON;
    }

    private interface JsonBody {
        void write(BaseJsonLikeWriter json) throws IOException;
    }

    /**
     * As {@link #encode} does for JSON, with the body written by {@link R4Json}: pretty through HAPI's writer (its
     * pretty printer); compact through the same factory's generator with typed calls, as UTF-8 bytes where the
     * generator can combine surrogate pairs as HAPI's writer does (jackson-core 2.18 and later), else as characters.
     */
    private void encodeDirect(OutputStream out, WriteOptions options, String resourceType, JsonBody body)
            throws IOException {
        String what = "serialise the " + resourceType + " as JSON";
        if (options.pretty() || COMBINE_PAIRS == null) {
            WriterStreams.encodeText(out, library, what, view -> {
                BaseJsonLikeWriter json = options.pretty() ? new JacksonWriter(PLAIN_JSON, view)
                        : new CompactJsonWriter(PLAIN_JSON.createGenerator(view));
                json.setPrettyPrint(options.pretty());
                json.init();
                body.write(json);
                json.close();
            });
            return;
        }
        WriterStreams.encodeBytes(out, library, what, view -> {
            CompactJsonWriter json = new CompactJsonWriter(PLAIN_JSON.createGenerator(view, JsonEncoding.UTF8));
            body.write(json);
            json.close();
        });
    }

    /**
     * Surrogate pairs combined in UTF-8 output (jackson-core 2.18+; without it each half is escaped), or null on an
     * older jackson-core (the Spark 3.5 line brings 2.15): compact JSON is then written as characters.
     */
    private static JsonWriteFeature combinePairs() {
        try {
            return JsonWriteFeature.valueOf("COMBINE_UNICODE_SURROGATES_IN_UTF8");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void encode(IBaseResource resource, OutputStream out, WriteOptions options) throws IOException {
        FhirContext ctx = context.get();
        String what = "serialise the " + resource.fhirType() + " as " + options.format();
        if (options.format() == OutputFormat.JSON) {
            IJsonLikeParser parser = (IJsonLikeParser) ctx.newJsonParser();
            parser.setPrettyPrint(options.pretty());
            WriterStreams.encodeText(out, library, what, view -> {
                JacksonWriter json = new JacksonWriter(PLAIN_JSON, view);
                parser.encodeResourceToJsonLikeWriter(resource, json);
                json.close();
            });
            return;
        }
        IParser parser = ctx.newXmlParser();
        parser.setPrettyPrint(options.pretty());
        WriterStreams.encodeText(out, library, what, view -> parser.encodeResourceToWriter(resource, view));
    }
}
