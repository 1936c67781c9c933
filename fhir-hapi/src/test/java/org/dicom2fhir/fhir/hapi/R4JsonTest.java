package org.dicom2fhir.fhir.hapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.dicom2fhir.api.FhirWriteException;
import org.dicom2fhir.api.model.CodingData;
import org.dicom2fhir.api.model.ConceptData;
import org.dicom2fhir.api.model.ContainedData;
import org.dicom2fhir.api.model.DeviceData;
import org.dicom2fhir.api.model.EndpointData;
import org.dicom2fhir.api.model.IdentifierData;
import org.dicom2fhir.api.model.InstanceData;
import org.dicom2fhir.api.model.LocationData;
import org.dicom2fhir.api.model.NameData;
import org.dicom2fhir.api.model.NameRepresentation;
import org.dicom2fhir.api.model.OrderData;
import org.dicom2fhir.api.model.OrganizationData;
import org.dicom2fhir.api.model.PatientData;
import org.dicom2fhir.api.model.PerformerData;
import org.dicom2fhir.api.model.PractitionerData;
import org.dicom2fhir.api.model.SeriesData;
import org.dicom2fhir.api.model.ServiceRequestData;
import org.dicom2fhir.api.model.SpecimenData;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.model.TransactionData;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.testkit.contract.NeutralStudies;
import org.dicom2fhir.testkit.contract.NeutralTransactions;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The R4 writer's JSON without HAPI's model ({@link R4Json}) against HAPI's own encoding of {@link R4Mapper}'s
 * resources: the same bytes, compact and pretty, for every study, Bundle, transaction and Patient; and where HAPI
 * would change or refuse a value, the writer takes HAPI's path (same bytes, or the same failure).
 */
class R4JsonTest {
    private static final HapiWriter<?, ?> WRITER = (HapiWriter<?, ?>) new HapiR4WriterProvider().create();

    @Test
    void everyStudyOfTheContract_isWrittenDirectly_asHapiWouldWriteIt() throws IOException {
        List<NeutralStudies.Named> studies = Stream.concat(NeutralStudies.all().stream(),
                NeutralStudies.referencing().stream()).toList();
        for (NeutralStudies.Named named : studies) {
            // HAPI drops the version of an absolute reference: that one goes through HAPI's model
            boolean absolute = named.study().patientReference().startsWith("http");
            assertThat(R4Json.plain(named.study())).as(named.name()).isEqualTo(!absolute);
            assertThat(R4Json.plain(named.study().patient(), "p-1")).as(named.name()).isTrue();
            compareAll(named.study(), named.name());
        }
        for (NeutralTransactions.Named tx : NeutralTransactions.all()) {
            boolean absolute = tx.transaction().study().patientReference().startsWith("http");
            assertThat(R4Json.plain(tx.transaction())).as(tx.name()).isEqualTo(!absolute);
            compareTransaction(tx.transaction(), tx.name());
        }
    }

    /** Seeded studies of every shape, with awkward strings, ids, dates, codes and references among them. */
    @ParameterizedTest
    @ValueSource(longs = {1L, 20261206L, 0x5eed_d1c0_2f41L})
    void generatedStudies_areWrittenAsHapiWouldWriteThem(long seed) throws IOException {
        Generator generate = new Generator(new Random(seed));
        int direct = 0;
        int viaHapi = 0;
        for (int i = 0; i < 400; i++) {
            StudyData study = generate.study();
            String name = "seed " + seed + " study " + i;
            if (R4Json.plain(study)) {
                direct++;
            } else {
                viaHapi++;
            }
            compareAll(study, name);
            compareTransaction(generate.transaction(study), name + " transaction");
        }
        // both paths taken, each for a good share of the studies
        assertThat(direct).as("direct").isGreaterThan(120);
        assertThat(viaHapi).as("through HAPI's model").isGreaterThan(40);
    }

    @Test
    void whatHapiWouldChange_goesThroughHapisModel() {
        Generator generate = new Generator(new Random(7));
        StudyData plain = generate.plainStudy();
        assertThat(R4Json.plain(plain)).isTrue();
        assertThat(R4Json.plain(plain.withSubjectReference("Patient/1/_history/2"))).isFalse();
        assertThat(R4Json.plain(plain.withSubjectReference("https://fhir.example.org/Patient/1"))).isFalse();
        assertThat(R4Json.plain(plain.withSubjectReference("Patient/1"))).isTrue();
        PatientData patient = plain.patient();
        assertThat(R4Json.plain(new PatientData(patient.identifiers(), patient.names(), "bogus", null), "p")).isFalse();
        assertThat(R4Json.plain(new PatientData(patient.identifiers(), patient.names(), "male", "2021-02-30"), "p"))
                .isFalse();
        assertThat(R4Json.plain(new PatientData(patient.identifiers(), patient.names(), "male", "2024-02-29"), "p"))
                .isTrue();
        assertThat(R4Json.plain(new PatientData(List.of(), List.of(new NameData(" ", List.of(), List.of(), List.of(),
                NameRepresentation.ALPHABETIC)), "male", null), "p")).isFalse();
        assertThat(R4Json.plain(patient, "a/b")).isFalse();
        assertThat(R4Json.plain(new PatientData(List.of(), List.of(new NameData("\uD842\uDFB7田", List.of(), List.of(),
                List.of(), NameRepresentation.IDEOGRAPHIC)), "male", null), "p")).as("a surrogate pair").isTrue();
        assertThat(R4Json.plain(new PatientData(List.of(), List.of(new NameData("\uD842田", List.of(), List.of(),
                List.of(), NameRepresentation.IDEOGRAPHIC)), "male", null), "p")).as("a lone surrogate").isFalse();
    }

    private static void compareAll(StudyData study, String name) throws IOException {
        for (boolean pretty : new boolean[] {false, true}) {
            WriteOptions options = new WriteOptions(OutputFormat.JSON, pretty);
            String how = name + (pretty ? " pretty" : " compact");
            compare(() -> R4Mapper.imagingStudy(study, Reuse.NONE), out -> WRITER.write(study, out, options), pretty,
                    how);
            compare(() -> R4Mapper.bundle(List.of(study, study), Reuse.NONE),
                    out -> WRITER.writeBundle(List.of(study, study), out, options), pretty, how + " bundle");
            compare(() -> R4Mapper.standalonePatient(study.patient(), "p-1"),
                    out -> WRITER.writePatient(study.patient(), "p-1", out, options), pretty, how + " patient");
        }
    }

    private static void compareTransaction(TransactionData tx, String name) throws IOException {
        for (boolean pretty : new boolean[] {false, true}) {
            compare(() -> R4Mapper.transaction(tx, Reuse.NONE),
                    out -> WRITER.writeTransaction(tx, out, new WriteOptions(OutputFormat.JSON, pretty)), pretty, name);
        }
    }

    private interface Write {
        void to(ByteArrayOutputStream out) throws IOException;
    }

    /** Equal bytes, or both refused (HAPI's model rejects a value, and so does the writer). */
    private static void compare(Supplier<IBaseResource> hapisModel, Write write, boolean pretty, String what)
            throws IOException {
        String hapis;
        try {
            hapis = WRITER.context().get().newJsonParser().setPrettyPrint(pretty)
                    .encodeResourceToString(hapisModel.get());
        } catch (FhirWriteException e) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                write.to(out);
            } catch (FhirWriteException expected) {
                return;
            }
            throw new AssertionError(what + ": HAPI's model refused it, the writer wrote " + out, e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write.to(out);
        // bytes against HAPI's text as UTF-8 (a lone surrogate becomes '?' both ways)
        String ours = out.toString(StandardCharsets.UTF_8);
        if (!java.util.Arrays.equals(out.toByteArray(), hapis.getBytes(StandardCharsets.UTF_8))) {
            hapis = new String(hapis.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            int at = 0;
            while (at < Math.min(ours.length(), hapis.length()) && ours.charAt(at) == hapis.charAt(at)) {
                at++;
            }
            throw new AssertionError(what + ": differs from HAPI's at character " + at + ": HAPI's "
                    + excerpt(hapis, at) + ", the writer's " + excerpt(ours, at));
        }
    }

    private static String excerpt(String json, int at) {
        return "..." + json.substring(Math.max(0, at - 60), Math.min(json.length(), at + 40))
                .chars().mapToObj(c -> c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c))
                .reduce("", String::concat) + "...";
    }

    /** Synthetic studies; every choice from one seeded Random. */
    private static final class Generator {
        private static final String[] WORDS = {"Chest", "CT Thorax", "Röntgen", "山田", "やまだ", "Ελλάδα", "O'Brien",
            "a\"quoted\"b", "back\\slash", "tab\there", "line\nbreak", "ctl\u0001x", "emoji \uD83D\uDE00", "nbsp\u00a0x",
            " leading", "trailing ", "x", "1.2.840.10008.5.1.4.1.1.2", "<b>&amp;</b>", "\u2028sep", "e\u0301", "\uD842\uDFB7田"};
        /** Malformed UTF-16: the compact UTF-8 generator and HAPI's writer would differ, so HAPI's model writes these. */
        private static final String[] LONE_SURROGATES = {"lone \uD800 x", "low \uDC00", "end \uD83D"};
        /** HAPI leaves these out (blank), except the no-break space, which commons-lang does not count as blank. */
        private static final String[] BLANKS = {" ", "\t", "  \n", "\u2003", "\u00a0"};
        private static final String[] BAD_IDS = {"a/b", "x y", "#x", "i".repeat(65), "ü"};
        private static final String[] DATES = {"2021", "2021-05", "2021-05-06", "2021-05-06T07:08:09+02:00",
            "2021-03-04T05:06:07.12+09:00", "1999-12-31T23:59:59Z", "2024-02-29", "2021-05-06T07:08:09.123456-05:30",
            "2021-05-06T07:08:09+14:00", "1000-01-01T00:00:00.123456789-12:00"};
        private static final String[] BAD_DATES = {"2021-02-30", "20210506", "2021-13-01", "2021-05-06T25:00:00Z",
            "2021-05-06T07:08:09", "0999-01-01", "2021-05-06T07:08:60Z", "yesterday",
            "2021-05-06T07:08:09.Z", "2021-05-06T07:08:09+14:01", "2021-05-06T07:08:09+1:00", "2021-5-06",
            "2021-05-06T07:08:09.1234567890Z", "2021-05-06T", "2021-05-06T07:08Z", "2021-04-31"};

        private final Random random;
        private int ids;

        Generator(Random random) {
            this.random = random;
        }

        StudyData plainStudy() {
            StudyData study;
            do {
                study = study();
            } while (!R4Json.plain(study));
            return study;
        }

        StudyData study() {
            List<PractitionerData> practitioners = list(3, this::practitioner);
            List<OrganizationData> organizations = list(2, () -> new OrganizationData(id(), text(), maybe(this::text)));
            List<LocationData> locations = list(2, () -> new LocationData(id(), text(),
                    organizations.isEmpty() || random.nextBoolean() ? null : organizations.get(0).id()));
            List<DeviceData> devices = list(2, this::device);
            List<SpecimenData> specimens = list(2, () -> new SpecimenData(id(), identifier()));
            List<ServiceRequestData> requests = list(2, () -> new ServiceRequestData(id(), list(2, this::identifier),
                    concept()));
            ContainedData contained = new ContainedData(practitioners, organizations, locations, devices, specimens,
                    requests);
            List<SeriesData> series = list(3, () -> series(practitioners, devices, specimens));
            List<CodingData> modalities = series.stream().map(SeriesData::modality).distinct().toList();
            List<OrderData> orders = list(2, () -> new OrderData(
                    requests.isEmpty() || random.nextBoolean() ? null : requests.get(0).id(), identifier()));
            String reference = switch (random.nextInt(16)) {
                case 0 -> "Patient/" + id();
                case 1 -> "urn:uuid:" + new java.util.UUID(random.nextLong(), random.nextLong());
                case 2 -> pick("https://fhir.example.org/fhir/Patient/7", "Patient/7/_history/3",
                        "Patient?identifier=x", "patient/7");
                default -> null;
            };
            return new StudyData(random.nextInt(60) == 0 ? pick(BAD_IDS) : id(), list(3, this::identifier), patient(),
                    modalities, maybe(this::date), maybe(this::text),
                    random.nextInt(3) == 0 ? new EndpointData(text()) : null, list(2, this::concept),
                    list(2, this::concept), series, random.nextBoolean() ? modalities : List.of(),
                    practitioners.isEmpty() || random.nextBoolean() ? null : practitioners.get(0).id(),
                    practitioners.stream().map(PractitionerData::id).filter(x -> random.nextBoolean()).toList(), orders,
                    locations.isEmpty() ? null : locations.get(0).id(), maybe(this::identifier), contained, reference);
        }

        TransactionData transaction(StudyData study) {
            String url = random.nextBoolean() ? "ImagingStudy/" + study.id() : "ImagingStudy?identifier=urn:dicom:uid|x";
            if (random.nextBoolean()) {
                return new TransactionData(study, url, random.nextBoolean(), null,
                        random.nextBoolean() ? NeutralTransactions.SERVER_BASE : null);
            }
            String fullUrl = "urn:uuid:" + new java.util.UUID(random.nextLong(), random.nextLong());
            return new TransactionData(study.withSubjectReference(fullUrl), url, random.nextBoolean(),
                    new TransactionData.PatientEntry(fullUrl, maybe(() -> "identifier=" + text())));
        }

        private PatientData patient() {
            return new PatientData(list(2, this::identifier), list(3, this::name),
                    random.nextInt(60) == 0 ? "bogus" : pick("male", "female", "other", "unknown"), maybe(this::date));
        }

        private PractitionerData practitioner() {
            List<NameData> names = list(2, this::name);
            return new PractitionerData(id(), names, names.isEmpty() ? List.of(identifier()) : list(2, this::identifier));
        }

        private DeviceData device() {
            return new DeviceData(id(), maybe(this::text), maybe(this::text), maybe(this::text),
                    maybe(() -> "1.2.3." + random.nextInt(1000)), list(3, this::text), maybe(this::text),
                    maybe(this::text), null);
        }

        private SeriesData series(List<PractitionerData> practitioners, List<DeviceData> devices,
                List<SpecimenData> specimens) {
            List<PerformerData> performers = new ArrayList<>();
            for (PractitionerData p : practitioners) {
                if (random.nextBoolean()) {
                    performers.add(new PerformerData(maybe(this::coding), p.id()));
                }
            }
            for (DeviceData d : devices) {
                if (random.nextBoolean()) {
                    performers.add(new PerformerData(null, d.id()));
                }
            }
            CodingData sopClass = coding();
            return new SeriesData(uid(), maybe(this::number), coding(), maybe(this::text), maybe(this::date),
                    maybe(this::coding), maybe(this::coding),
                    list(4, () -> new InstanceData(uid(), random.nextBoolean() ? sopClass : coding(), maybe(this::number),
                            maybe(this::text))),
                    performers, specimens.stream().map(SpecimenData::id).filter(x -> random.nextBoolean()).toList());
        }

        private IdentifierData identifier() {
            String use = random.nextInt(4) != 0 ? null : random.nextInt(40) == 0 ? "bogus" : pick("usual", "official");
            return new IdentifierData(use, maybe(this::concept), maybe(this::text), text(), maybe(this::text));
        }

        private NameData name() {
            String family = maybe(this::text);
            List<String> given = list(2, this::text);
            return new NameData(family == null && given.isEmpty() ? text() : family, given, list(1, this::text),
                    list(1, this::text), NameRepresentation.values()[random.nextInt(3)]);
        }

        private ConceptData concept() {
            List<CodingData> codings = list(2, this::coding);
            return new ConceptData(codings, codings.isEmpty() ? text() : maybe(this::text));
        }

        private CodingData coding() {
            String code = maybe(this::text);
            return new CodingData(maybe(this::text), code, code == null ? text() : maybe(this::text),
                    random.nextBoolean());
        }

        private Integer number() {
            return random.nextInt(10) == 0 ? -random.nextInt(5) : random.nextInt(100_000);
        }

        private String date() {
            return random.nextInt(25) == 0 ? pick(BAD_DATES) : pick(DATES);
        }

        private String id() {
            return "id-" + (++ids) + (random.nextBoolean() ? "" : ".x");
        }

        private String uid() {
            return "2.25." + Math.abs(random.nextLong());
        }

        /** Mostly ordinary text, sometimes a blank one. */
        private String text() {
            if (random.nextInt(400) == 0) {
                return pick(BLANKS);
            }
            if (random.nextInt(600) == 0) {
                return pick(LONE_SURROGATES);
            }
            String word = pick(WORDS);
            return random.nextBoolean() ? word : word + " " + pick(WORDS);
        }

        private <T> T maybe(Supplier<T> value) {
            return random.nextBoolean() ? value.get() : null;
        }

        private <T> List<T> list(int max, Supplier<T> element) {
            int n = random.nextInt(max + 1);
            List<T> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                values.add(element.get());
            }
            return values;
        }

        @SafeVarargs
        private <T> T pick(T... values) {
            return values[random.nextInt(values.length)];
        }
    }
}
