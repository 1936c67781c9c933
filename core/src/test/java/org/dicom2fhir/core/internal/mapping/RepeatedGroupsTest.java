package org.dicom2fhir.core.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dicom2fhir.core.internal.mapping.Fixtures.code;
import static org.dicom2fhir.core.internal.mapping.Fixtures.instance;
import static org.dicom2fhir.core.internal.mapping.Fixtures.item;
import static org.dicom2fhir.core.internal.mapping.Fixtures.str;

import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.core.InstanceFacts;
import org.dicom2fhir.core.internal.mapping.Fixtures.Instance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A thread reuses the last file's patient, study and series values when the next file holds the same elements for
 * them ({@link FactsExtractor}): whatever came before, a file's facts are those it has extracted alone.
 */
class RepeatedGroupsTest {

    @Test
    void filesThatDifferOnlyInTheirOwnValuesShareTheGroups() {
        InstanceFacts first = series(instance("1.2.3.1")).facts("a");
        Instance next = series(instance("1.2.3.2")).set(Tags.INSTANCE_NUMBER, "IS", "2")
                .set(Tags.IMAGE_TYPE, "CS", "DERIVED", "SECONDARY").set(Tags.TIMEZONE_OFFSET_FROM_UTC, "SH", "+0100");
        InstanceFacts second = next.facts("b");

        assertThat(second.patient()).isSameAs(first.patient());
        assertThat(second.study()).isSameAs(first.study());
        assertThat(second.series()).isSameAs(first.series());
        assertThat(second.title()).isEqualTo("DERIVED\\SECONDARY");
        assertThat(second).isEqualTo(alone(next, "b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"patient name", "study description", "series description", "issuer item",
        "procedure code", "an element more", "an element less"})
    void aGroupValueThatDiffersIsTheNewFilesOwn(String change) {
        InstanceFacts first = series(instance("1.2.3.1")).facts("a");
        Instance next = changed(change).apply(series(instance("1.2.3.2")));
        InstanceFacts second = next.facts("b");

        assertThat(second).isEqualTo(alone(next, "b"));
        assertThat(second.patient().equals(first.patient()) && second.study().equals(first.study())
                && second.series().equals(first.series())).as("some group differs").isFalse();
    }

    /**
     * Seeded instances drawn from small pools (so that neighbours often share their groups), extracted in turn on one
     * thread: each gives the facts it gives alone.
     */
    @Test
    void instancesExtractedInTurnGiveWhatTheyGiveAlone() {
        Random random = new Random(20261206L);
        String[] changes = {"patient name", "study description", "series description", "issuer item", "procedure code",
            "an element more", "an element less"};
        int shared = 0;
        InstanceFacts before = null;
        for (int i = 0; i < 300; i++) {
            Instance file = series(instance("1.2.3." + i)).set(Tags.INSTANCE_NUMBER, "IS", Integer.toString(i));
            if (random.nextInt(4) == 0) {
                file = changed(changes[random.nextInt(changes.length)]).apply(file);
            }
            if (random.nextBoolean()) {
                file.set(Tags.IMAGE_TYPE, "CS", "ORIGINAL", random.nextBoolean() ? "PRIMARY" : "SECONDARY");
            }
            InstanceFacts facts = file.facts("f" + i);
            assertThat(facts).as("instance %d", i).isEqualTo(alone(file, "f" + i));
            if (before != null && facts.study() == before.study()) {
                shared++;
            }
            before = facts;
        }
        assertThat(shared).as("instances that shared the study of the one before").isGreaterThan(100);
    }

    /** An instance with values in each group, sequences included. */
    private static Instance series(Instance file) {
        return file.set(Tags.PATIENT_NAME, "PN", "Doe^John").set(Tags.PATIENT_ID, "LO", "ID42")
                .set(Tags.STUDY_DESCRIPTION, "LO", "CT Chest").set(Tags.ACCESSION_NUMBER, "SH", "ACC1")
                .items(Tags.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE, item(str(Tags.LOCAL_NAMESPACE_ENTITY_ID, "UT", "RIS")))
                .items(Tags.PROCEDURE_CODE_SEQUENCE, code("24627-2", "LN", "CT Chest"))
                .set(Tags.SERIES_DESCRIPTION, "LO", "Axial").set(Tags.SERIES_NUMBER, "IS", "1")
                .set(Tags.MANUFACTURER, "LO", "Testkit");
    }

    private static UnaryOperator<Instance> changed(String change) {
        return switch (change) {
            case "patient name" -> f -> f.set(Tags.PATIENT_NAME, "PN", "Doe^Jane");
            case "study description" -> f -> f.set(Tags.STUDY_DESCRIPTION, "LO", "CT Abdomen");
            case "series description" -> f -> f.set(Tags.SERIES_DESCRIPTION, "LO", "Coronal");
            case "issuer item" -> f -> f.items(Tags.ISSUER_OF_ACCESSION_NUMBER_SEQUENCE,
                    item(str(Tags.LOCAL_NAMESPACE_ENTITY_ID, "UT", "PACS")));
            case "procedure code" -> f -> f.items(Tags.PROCEDURE_CODE_SEQUENCE, code("24627-2", "LN", "Chest CT"));
            case "an element more" -> f -> f.set(Tags.STATION_NAME, "SH", "CT-1");
            case "an element less" -> f -> f.remove(Tags.MANUFACTURER);
            default -> throw new IllegalArgumentException(change);
        };
    }

    /** The facts extracted on a thread that extracted nothing before. */
    private static InstanceFacts alone(Instance file, String path) {
        AtomicReference<InstanceFacts> facts = new AtomicReference<>();
        Thread t = new Thread(() -> facts.set(file.facts(path)));
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertThat(facts.get()).as("extracted alone").isNotNull();
        return facts.get();
    }
}
