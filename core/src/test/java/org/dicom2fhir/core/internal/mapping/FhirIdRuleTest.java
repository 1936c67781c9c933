package org.dicom2fhir.core.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hand-written id check agrees with FHIR's regular expression for the id type. */
class FhirIdRuleTest {
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    static Stream<String> candidates() {
        return Stream.of("1.2.840.10008.5.1.4.1.1.2", "a", "A-z.9", "1".repeat(64), "1".repeat(65), "", " ", "1.2 ",
                "1_2", "1.2\u0000", "é", "1/2", "1:2", "1,2", "ABC-def-123", "-", ".", "1.2\n", "\u0661");
    }

    @ParameterizedTest
    @MethodSource("candidates")
    void agreesWithFhirsRegularExpression(String candidate) {
        assertThat(FactsExtractor.isFhirId(candidate)).as("'%s'", candidate)
                .isEqualTo(FHIR_ID.matcher(candidate).matches());
    }
}
