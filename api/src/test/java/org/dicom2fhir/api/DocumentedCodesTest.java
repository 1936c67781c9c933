package org.dicom2fhir.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/reliability.md and the code catalogues say the same: every reason code, warning code and limit
 * has its row, and no row names a code that does not exist. (That every emitted code is catalogued is
 * the compiler's job: a {@link Warning} holds a {@link WarningCode}, a report a {@link ReasonCode}.)
 */
class DocumentedCodesTest {
    private static final Path DOC = Path.of("..", "docs", "reliability.md");

    private static String section(String heading) throws IOException {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("## " + heading + "\n");
        assertThat(start).as("section %s of %s", heading, DOC).isNotNegative();
        int end = doc.indexOf("\n## ", start + 3);
        return end < 0 ? doc.substring(start) : doc.substring(start, end);
    }

    /** The first cell of every table row, without backticks. */
    private static Set<String> firstCells(String section) {
        Set<String> codes = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\|").matcher(section);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    @Test
    void everyReasonCodeHasItsRowAndNoMore() throws IOException {
        assertThat(firstCells(section("Reason codes")))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ReasonCode.values()).map(Enum::name).toList());
    }

    @Test
    void everyWarningCodeHasItsRowAndNoMore() throws IOException {
        String section = section("Warning codes");
        assertThat(firstCells(section))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(WarningCode.values()).map(Enum::name).toList());
        for (WarningCode code : WarningCode.values()) {
            assertThat(section).as("the source of %s", code)
                    .contains("| `" + code.name() + "` | " + code.source().name().toLowerCase(java.util.Locale.ROOT) + " |");
        }
    }

    @Test
    void everyLimitHasItsOptionAndReasonInTheLimitsTable() throws IOException {
        String section = section("Limits");
        for (Limit limit : Limit.values()) {
            assertThat(section).as(limit.name()).contains("`--" + limit.optionName() + "`")
                    .contains("`" + limit.reason().name() + "`");
        }
    }
}
