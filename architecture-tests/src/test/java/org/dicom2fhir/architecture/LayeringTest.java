package org.dicom2fhir.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * "Who may depend on whom" (architecture.md), enforced on every production class of every module.
 * Tests may use any module; only main classes are imported here.
 */
class LayeringTest {
    private static final String API = "org.dicom2fhir.api..";
    private static final String CORE = "org.dicom2fhir.core..";
    private static final String READERS = "org.dicom2fhir.reader..";
    private static final String WRITERS = "org.dicom2fhir.fhir..";
    private static final String VALIDATORS = "org.dicom2fhir.validator..";
    private static final String TESTKIT = "org.dicom2fhir.testkit..";
    private static final String CLI = "org.dicom2fhir.cli..";
    private static final String CODEC = "org.dicom2fhir.codec..";
    private static final String DELIVERY = "org.dicom2fhir.delivery..";
    private static final String HTTP = "org.dicom2fhir.http..";
    private static final String DICOMWEB = "org.dicom2fhir.dicomweb..";
    private static final String BATCH = "org.dicom2fhir.batch..";
    private static final String SPARK = "org.dicom2fhir.spark..";
    private static final String SOURCES = "org.dicom2fhir.core.internal.source..";
    private static final String COMPRESS = "org.apache.commons.compress..";
    private static final String JACKSON_CORE = "com.fasterxml.jackson.core..";

    private static final String[] HAPI = {"ca.uhn.fhir..", "org.hl7.fhir.."};
    private static final String IBM = "com.ibm.fhir..";
    private static final String PIXELMED = "com.pixelmed..";

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = ProductionClasses.all();
    }

    @ParameterizedTest
    @ValueSource(strings = {"org.dicom2fhir.api", "org.dicom2fhir.codec", "org.dicom2fhir.core", "org.dicom2fhir.reader.part10",
        "org.dicom2fhir.fhir.hapi", "org.dicom2fhir.fhir.ibm", "org.dicom2fhir.validator.hapi", "org.dicom2fhir.testkit", "org.dicom2fhir.cli", "org.dicom2fhir.delivery",
        "org.dicom2fhir.http", "org.dicom2fhir.dicomweb", "org.dicom2fhir.batch",
        "org.dicom2fhir.spark"})
    void everyModuleIsImported(String pkg) {
        // guards against rules passing vacuously because a module's classes were not on the class path
        assertThat(production.stream().anyMatch(c -> c.getPackageName().startsWith(pkg))).as(pkg).isTrue();
    }

    @Test
    void readerPixelmedIsImportedWhereverPixelmedIsInstalled() {
        // the module is built (and on this module's class path) exactly where Debian's jar exists
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.nio.file.Files.exists(java.nio.file.Path.of("/usr/share/java/pixelmed.jar")),
                "PixelMed is not installed; reader-pixelmed is not built here");
        assertThat(production.stream().anyMatch(c -> c.getPackageName().startsWith("org.dicom2fhir.reader.pixelmed")))
                .isTrue();
    }

    @Test
    void apiDependsOnTheJdkOnly() {
        classes().that().resideInAPackage(API)
                .should().onlyDependOnClassesThat().resideInAnyPackage(API, "java..")
                .check(production);
    }

    /** The readers' shared decoding (character sets, deflate): a library for readers, knowing nothing of them or of FHIR. */
    @Test
    void codecDependsOnApiOnlyAndOnlyReadersUseIt() {
        classes().that().resideInAPackage(CODEC)
                .should().onlyDependOnClassesThat().resideInAnyPackage(CODEC, API, "java..")
                .check(production);
        noClasses().that().resideOutsideOfPackages(CODEC, READERS)
                .should().dependOnClassesThat().resideInAPackage(CODEC)
                .check(production);
    }

    /** Core sees api and, for the sources that read studies as they are shipped, Commons Compress (ZIP). */
    @Test
    void coreDependsOnApiAndTheSourceLibrariesOnly() {
        classes().that().resideInAPackage(CORE)
                .should().onlyDependOnClassesThat().resideInAnyPackage(CORE, API, "java..", COMPRESS, JACKSON_CORE)
                .check(production);
    }

    /** The archive and JSON libraries stay behind core's sources: nothing else of core (or of the project) sees them. */
    @Test
    void onlyCoresSourcesSeeTheArchiveAndJsonLibraries() {
        noClasses().that().resideOutsideOfPackages(SOURCES)
                .should().dependOnClassesThat().resideInAPackage(COMPRESS)
                .check(production);
        noClasses().that().resideInAPackage(CORE).and().resideOutsideOfPackage(SOURCES)
                .should().dependOnClassesThat().resideInAPackage(JACKSON_CORE)
                .check(production);
    }

    @Test
    void readersSeeNeitherCoreNorWritersNorFhirLibraries() {
        noClasses().that().resideInAPackage(READERS)
                .should().dependOnClassesThat().resideInAnyPackage(CORE, WRITERS, VALIDATORS, TESTKIT, CLI,
                        HAPI[0], HAPI[1], IBM)
                .check(production);
    }

    @Test
    void readersDoNotSeeEachOther() {
        slices().matching("org.dicom2fhir.reader.(*)..").should().notDependOnEachOther().check(production);
    }

    @Test
    void writersSeeNeitherCoreNorReadersNorDicomLibraries() {
        noClasses().that().resideInAPackage(WRITERS)
                .should().dependOnClassesThat().resideInAnyPackage(CORE, READERS, VALIDATORS, TESTKIT, CLI,
                        PIXELMED)
                .check(production);
    }

    @Test
    void writersDoNotSeeEachOther() {
        slices().matching("org.dicom2fhir.fhir.(*)..").should().notDependOnEachOther().check(production);
    }

    @Test
    void validatorsSeeNeitherCoreNorOtherBackends() {
        noClasses().that().resideInAPackage(VALIDATORS)
                .should().dependOnClassesThat().resideInAnyPackage(CORE, READERS, WRITERS, TESTKIT, CLI,
                        PIXELMED, IBM)
                .check(production);
    }

    @Test
    void testkitSeesOnlyTheApi() {
        noClasses().that().resideInAPackage(TESTKIT)
                .should().dependOnClassesThat().resideInAnyPackage(CORE, READERS, WRITERS, VALIDATORS, CLI,
                        HAPI[0], HAPI[1], IBM, PIXELMED)
                .check(production);
    }

    @Test
    void cliSeesNoBackendClasses() {
        noClasses().that().resideInAPackage(CLI)
                .should().dependOnClassesThat().resideInAnyPackage(READERS, WRITERS, VALIDATORS, TESTKIT,
                        HAPI[0], HAPI[1], IBM, PIXELMED)
                .check(production);
    }

    /**
     * Delivery talks HTTP and reads small JSON answers: the JDK (its HTTP client, TLS), jackson-core's streaming
     * parser and api, nothing else (no HAPI, IBM, core, readers or writers: it posts the bytes a writer made).
     */
    @Test
    void deliveryDependsOnlyOnApiTheJdkAndJacksonCore() {
        classes().that().resideInAPackage(DELIVERY)
                .should().onlyDependOnClassesThat().resideInAnyPackage(DELIVERY, API, HTTP, "java..", "javax.net..",
                        "com.fasterxml.jackson.core..")
                .check(production);
    }

    /**
     * The shared HTTP plumbing knows neither FHIR nor DICOM: the JDK (its HTTP client, TLS, signatures) and
     * jackson-core (the token endpoints' JSON, the signed JWTs of SMART Backend Services) only.
     */
    @Test
    void httpDependsOnTheJdkAndJacksonCoreOnly() {
        classes().that().resideInAPackage(HTTP)
                .should().onlyDependOnClassesThat().resideInAnyPackage(HTTP, "java..", "javax.net..", JACKSON_CORE)
                .check(production);
    }

    /**
     * The DICOMweb source fetches and hands the responses to core's DICOM JSON source through its public seam
     * (JsonStudy): api, core's public classes, the HTTP plumbing and jackson-core (the series listing); no backend.
     */
    @Test
    void dicomwebSeesApiCoresPublicClassesHttpAndJacksonCoreOnly() {
        classes().that().resideInAPackage(DICOMWEB)
                .should().onlyDependOnClassesThat().resideInAnyPackage(DICOMWEB, API, "org.dicom2fhir.core", HTTP,
                        "java..", JACKSON_CORE)
                .check(production);
    }

    /** Only the network sides and the command use the HTTP plumbing; only the command uses the DICOMweb source. */
    @Test
    void httpAndDicomwebAreUsedByTheNetworkSidesAndTheCommandOnly() {
        noClasses().that().resideOutsideOfPackages(HTTP, DELIVERY, DICOMWEB, CLI)
                .should().dependOnClassesThat().resideInAPackage(HTTP)
                .check(production);
        noClasses().that().resideOutsideOfPackages(DICOMWEB, CLI)
                .should().dependOnClassesThat().resideInAPackage(DICOMWEB)
                .check(production);
    }

    /**
     * Batch groups an archive's facts through core and its on-disk store (H2's MVStore) and hands studies to sinks,
     * one of them a FHIR server through delivery: api, core's and delivery's public types, the store and the JDK;
     * never a reader, writer or FHIR model (the sinks get writers through api), never the CLI.
     */
    @Test
    void batchDependsOnlyOnApiCoreDeliveryAndItsStore() {
        classes().that().resideInAPackage(BATCH)
                .should().onlyDependOnClassesThat().resideInAnyPackage(BATCH, API, "org.dicom2fhir.core",
                        "org.dicom2fhir.delivery", "java..", "javax.crypto..", "org.h2.mvstore..",
                        "com.fasterxml.jackson.core..")
                .check(production);
    }

    /**
     * The Spark job is batch's conversion on a cluster: api, core's public steps, batch's public seams (report
     * lines, manifest, archive rules, Patient ids), Spark's and Hadoop's client API, Scala's tuple, the JDK; never a
     * reader, writer or FHIR model (it selects them by name through core), never the CLI or delivery.
     */
    @Test
    void sparkDependsOnlyOnApiCoreBatchSparkAndHadoop() {
        classes().that().resideInAPackage(SPARK)
                .should().onlyDependOnClassesThat().resideInAnyPackage(SPARK, API, "org.dicom2fhir.core",
                        "org.dicom2fhir.batch", "org.apache.spark..", "org.apache.hadoop..", "scala", "java..")
                .check(production);
    }

    @Test
    void noModuleButSparkSeesSparkOrHadoop() {
        noClasses().that().resideOutsideOfPackage(SPARK)
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..", "scala..")
                .check(production);
    }

    @Test
    void hapiTypesOnlyInsideTheHapiModules() {
        noClasses().that().resideOutsideOfPackages("org.dicom2fhir.fhir.hapi..", "org.dicom2fhir.validator.hapi..")
                .should().dependOnClassesThat().resideInAnyPackage(HAPI)
                .check(production);
    }

    @Test
    void ibmTypesOnlyInsideFhirIbm() {
        noClasses().that().resideOutsideOfPackage("org.dicom2fhir.fhir.ibm..")
                .should().dependOnClassesThat().resideInAPackage(IBM)
                .check(production);
    }

    @Test
    void pixelmedOnlyInsideReaderPixelmed() {
        noClasses().that().resideOutsideOfPackage("org.dicom2fhir.reader.pixelmed..")
                .should().dependOnClassesThat().resideInAPackage(PIXELMED)
                .check(production);
    }

    @Test
    void noCyclesBetweenModules() {
        slices().matching("org.dicom2fhir.(*)..").should().beFreeOfCycles().check(production);
    }

    @Test
    void internalPackagesStayInsideTheirModule() {
        for (String module : new String[] {"core", "reader.part10", "reader.pixelmed", "fhir.hapi", "fhir.ibm", "validator.hapi", "testkit", "cli", "delivery", "http", "dicomweb", "batch", "spark"}) {
            String root = "org.dicom2fhir." + module + "..";
            noClasses().that().resideOutsideOfPackage(root)
                    .should().dependOnClassesThat().resideInAPackage("org.dicom2fhir." + module + ".internal..")
                    .allowEmptyShould(true)
                    .check(production);
        }
    }
}
