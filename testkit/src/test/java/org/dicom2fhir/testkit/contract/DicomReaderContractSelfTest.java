package org.dicom2fhir.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dicom2fhir.testkit.contract.NaiveReader.Defect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The reader contract tests itself, run programmatically against a naive reader (no character sets,
 * no dictionary) that breaks one more promise per {@link Defect}: the naive reader fails the contract
 * tests about what it does not do, and each defect fails the test that guards it, which the naive
 * reader passes. The real readers (part10, pixelmed) pass every test in their modules.
 */
class DicomReaderContractSelfTest {
    /** Contract tests a reader without character sets or dictionary must fail. */
    private static final Set<String> NAIVETY_FAILS = Set.of("decodesEveryCharacterSet",
            "readsEveryTransferSyntaxAttributeForAttribute", "anUnknownCharacterSetIsReadAsLatin1WithAWarning",
            "usOrSsElementsFollowThePixelRepresentationInImplicitVr", "malformedFilesFailWithTheirReason",
            "readsTheMappedAttributesInEveryLayout", "decodesMultiValuedPersonNamesWithThreeComponentGroups",
            "theSharedFunctionalGroupsAreReadWithoutThePerFrameOnes");

    /** Which contract tests each defect must fail (the naive reader passes them). */
    private static final Map<Defect, Set<String>> GUARDS = new EnumMap<>(Map.ofEntries(
            Map.entry(Defect.UPPER_CASE_NAME, Set.of("providerHasALowerCaseNameAndADescription")),
            Map.entry(Defect.NOT_REGISTERED, Set.of("providerIsFoundByTheServiceLoaderUnderItsName")),
            Map.entry(Defect.CLOSES_STREAM, Set.of("theCallersStreamIsNotClosed")),
            Map.entry(Defect.CLOSES_CHANNEL, Set.of("theCallersChannelIsNotClosed")),
            Map.entry(Defect.RACE, Set.of("concurrentReadsGiveTheSameResultsAsSequentialOnes")),
            Map.entry(Defect.STREAMS_DIFFER, Set.of("pathsChannelsStreamsAndArraysGiveTheSameResult")),
            Map.entry(Defect.LEAKS_VALUE, Set.of("messagesAndWarningsNeverQuoteValues")),
            Map.entry(Defect.LIMIT_AS_PLAIN_EXCEPTION, Set.of("limitsFailTheFileWhateverWasRead",
                    "sequencesNested200000DeepFailAsTooDeepWithoutCrashing")),
            Map.entry(Defect.DAMAGE_AS_WARNING, Set.of("damageAfterRequestedElementsKeepsThemAndSaysWhereReadingStopped",
                    "everyTruncationEndsInAResultOrADicomReadException")),
            Map.entry(Defect.DAMAGE_WITHOUT_PLACE, Set.of("damageAfterRequestedElementsKeepsThemAndSaysWhereReadingStopped",
                    "everyTruncationEndsInAResultOrADicomReadException")),
            Map.entry(Defect.DAMAGE_ON_EVERY_FILE, Set.of("explicitVrElementsKeepTheVrOfTheFile")),
            Map.entry(Defect.VR_AS_UN, Set.of("explicitVrElementsKeepTheVrOfTheFile")),
            Map.entry(Defect.KEEPS_UNREQUESTED, Set.of("materialisesOnlyTheRequestedTopLevelElements"))));

    /** Every guarded test, once. */
    private static Set<String> guarded() {
        Set<String> all = new TreeSet<>();
        GUARDS.values().forEach(all::addAll);
        return all;
    }

    @AfterEach
    void reset() {
        NaiveReaderProvider.defect = Defect.NONE;
    }

    @Test
    void theNaiveReaderFailsWhatItDoesNotDoAndPassesTheGuardsOfTheDefects() {
        Map<String, TestExecutionResult.Status> outcomes = runContractWith(Defect.NONE);
        assertThat(outcomes).as("contract tests run").hasSizeGreaterThanOrEqualTo(20);
        assertThat(failed(outcomes)).containsAll(NAIVETY_FAILS).doesNotContainAnyElementsOf(guarded());
        for (String guard : guarded()) {
            assertThat(outcomes.get(guard)).as(guard).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Defect.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void eachDefectFailsTheTestThatGuardsIt(Defect defect) {
        assertThat(GUARDS).as("every defect has its guards").containsKey(defect);
        assertThat(failed(runContractWith(defect))).as("contract tests failed by %s", defect)
                .containsAll(GUARDS.get(defect));
    }

    private static Set<String> failed(Map<String, TestExecutionResult.Status> outcomes) {
        Set<String> failed = new TreeSet<>();
        outcomes.forEach((method, status) -> {
            if (status == TestExecutionResult.Status.FAILED) {
                failed.add(method);
            }
        });
        return failed;
    }

    /** The outcome of each contract test method (a failed invocation fails its parameterised method). */
    private static Map<String, TestExecutionResult.Status> runContractWith(Defect defect) {
        NaiveReaderProvider.defect = defect;
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(NaiveReaderContract.class)).build();
        Map<String, TestExecutionResult.Status> byMethod = new TreeMap<>();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.getSource().orElse(null) instanceof MethodSource source) {
                    byMethod.merge(source.getMethodName(), result.getStatus(),
                            (a, b) -> a == TestExecutionResult.Status.FAILED ? a : b);
                }
            }
        });
        return byMethod;
    }
}
