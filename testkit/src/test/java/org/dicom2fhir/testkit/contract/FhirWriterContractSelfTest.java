package org.dicom2fhir.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dicom2fhir.testkit.contract.FakeWriter.Defect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The contract tests itself: it passes for a correct fake writer, and each broken promise of the
 * fake fails the contract test that guards it. Every contract test is the guard of some defect, so
 * none of them can pass whatever the writer does.
 */
class FhirWriterContractSelfTest {
    /** Which contract test must fail for each defect (others may fail too). */
    private static final Map<Defect, Set<String>> GUARDS = new EnumMap<>(Map.ofEntries(
            Map.entry(Defect.UPPER_CASE_NAME, Set.of("providerDescribesItselfAndMatchesItsWriter")),
            Map.entry(Defect.WRONG_NATIVE_CLASS, Set.of("providerDescribesItselfAndMatchesItsWriter")),
            Map.entry(Defect.NOT_REGISTERED, Set.of("isDiscoverableThroughTheServiceLoader")),
            Map.entry(Defect.DROPS_DESCRIPTION, Set.of("jsonEqualsTheGoldenOfTheRelease",
                    "bundleIsACollectionWithOneGoldenEntryPerStudyInOrder")),
            Map.entry(Defect.WRONG_FULL_URL, Set.of("bundleIsACollectionWithOneGoldenEntryPerStudyInOrder")),
            Map.entry(Defect.XML_DROPS_DISPLAYS, Set.of("xmlCarriesTheSameResourcesAndValuesAsJson")),
            Map.entry(Defect.LATIN1, Set.of("nonAsciiTextIsWrittenIntactAsUtf8")),
            Map.entry(Defect.CLOSES_STREAM, Set.of("flushesButNeverClosesTheCallersStream")),
            Map.entry(Defect.NEVER_FLUSHES, Set.of("flushesButNeverClosesTheCallersStream")),
            Map.entry(Defect.LEAKS_VALUE, Set.of("rejectedValuesBecomeFhirWriteExceptionsThatNameTheElementButNotTheValue")),
            Map.entry(Defect.RAW_EXCEPTION, Set.of("rejectedValuesBecomeFhirWriteExceptionsThatNameTheElementButNotTheValue")),
            Map.entry(Defect.WRITES_BEFORE_REJECTING,
                    Set.of("rejectedValuesBecomeFhirWriteExceptionsThatNameTheElementButNotTheValue")),
            Map.entry(Defect.RACE, Set.of("concurrentUseGivesTheSameBytesAsSequentialUse")),
            Map.entry(Defect.SWALLOWS_STREAM_FAILURE, Set.of("aFailingStreamSurfacesAsItsIOException")),
            Map.entry(Defect.WRAPS_STREAM_FAILURE, Set.of("aFailingStreamSurfacesAsItsIOException")),
            Map.entry(Defect.ACCEPTS_NULL, Set.of("nullArgumentsAreRefused")),
            Map.entry(Defect.INVALID_OUTPUT, Set.of("everyOutputValidatesWithoutErrorsInItsRelease",
                    "everyTransactionValidatesWithoutErrorsInItsRelease")),
            Map.entry(Defect.IGNORES_SUBJECT_REFERENCE, Set.of("aSubjectReferenceReplacesTheContainedPatientEverywhere",
                    "jsonEqualsTheGoldenOfTheRelease")),
            Map.entry(Defect.KEEPS_STUDY_ID_IN_TRANSACTION, Set.of("transactionEqualsTheGoldenOfTheRelease",
                    "transactionIsTheWrittenStudyAfterThePatientsCreate")),
            Map.entry(Defect.PATIENT_ENTRY_KEEPS_ID, Set.of("transactionEqualsTheGoldenOfTheRelease",
                    "transactionIsTheWrittenStudyAfterThePatientsCreate")),
            Map.entry(Defect.PATIENT_KEEPS_CONTAINED_ID, Set.of("writePatientIsTheContainedPatientUnderItsOwnId"))));

    /** The outcome of each contract test method (parameterised invocations folded into their method). */
    record Outcomes(Map<String, TestExecutionResult.Status> byMethod) {
        Set<String> failed() {
            Set<String> failed = new TreeSet<>();
            byMethod.forEach((method, status) -> {
                if (status == TestExecutionResult.Status.FAILED) {
                    failed.add(method);
                }
            });
            return failed;
        }
    }

    @AfterEach
    void reset() {
        FakeWriterProvider.defect = Defect.NONE;
    }

    @Test
    void aCorrectWriterPassesEveryContractTest() {
        Outcomes outcomes = runContractWith(Defect.NONE);
        assertThat(outcomes.byMethod()).as("contract tests run").hasSizeGreaterThanOrEqualTo(12);
        assertThat(outcomes.byMethod()).allSatisfy((method, status) ->
                assertThat(status).as(method).isEqualTo(TestExecutionResult.Status.SUCCESSFUL));
    }

    @ParameterizedTest
    @EnumSource(value = Defect.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void eachDefectFailsTheTestThatGuardsIt(Defect defect) {
        assertThat(GUARDS).as("a guard is named for every defect").containsKey(defect);
        assertThat(runContractWith(defect).failed()).as("contract tests failed by %s", defect)
                .containsAll(GUARDS.get(defect));
    }

    @Test
    void everyContractTestGuardsSomeDefect() {
        Set<String> guarded = new TreeSet<>();
        GUARDS.values().forEach(guarded::addAll);
        assertThat(guarded).containsExactlyInAnyOrderElementsOf(runContractWith(Defect.NONE).byMethod().keySet());
    }

    private static Outcomes runContractWith(Defect defect) {
        FakeWriterProvider.defect = defect;
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(FakeWriterContract.class)).build();
        Map<String, TestExecutionResult.Status> byMethod = new TreeMap<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.getSource().orElse(null) instanceof MethodSource source) {
                    // a failed invocation fails its method; otherwise the worst outcome so far stays
                    byMethod.merge(source.getMethodName(), result.getStatus(),
                            (a, b) -> a == TestExecutionResult.Status.FAILED ? a : b == TestExecutionResult.Status.SUCCESSFUL ? a : b);
                }
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                if (id.getSource().orElse(null) instanceof MethodSource source) {
                    byMethod.put(source.getMethodName(), TestExecutionResult.Status.ABORTED);
                }
            }
        });
        return new Outcomes(byMethod);
    }
}
