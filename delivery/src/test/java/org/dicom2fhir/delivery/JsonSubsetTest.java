package org.dicom2fhir.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonSubsetTest {
    @Test
    void onlyTheWantedPathsAreKept() throws IOException {
        JsonSubset subset = new JsonSubset(Set.of("resourceType", "entry[].response.status", "issue[].expression"));
        Map<String, Object> read = subset.read(("{\"resourceType\":\"Bundle\",\"id\":\"x\",\"entry\":[{\"resource\":{\"a\":1},"
                + "\"response\":{\"status\":\"201 Created\",\"location\":\"L\"}},{\"response\":{\"status\":200}}],"
                + "\"issue\":[{\"diagnostics\":\"secret\",\"expression\":[\"A.b\",\"C\"]}]}").getBytes(StandardCharsets.UTF_8));
        assertThat(read).isEqualTo(Map.of("resourceType", "Bundle",
                "entry", List.of(Map.of("response", Map.of("status", "201 Created")), Map.of("response", Map.of("status", "200"))),
                "issue", List.of(Map.of("expression", List.of("A.b", "C")))));
    }

    @Test
    void brokenJsonIsReportedWithoutQuotingIt() {
        JsonSubset subset = new JsonSubset(Set.of("resourceType"));
        assertThatThrownBy(() -> subset.read("{\"resourceType\": Plantedname}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageStartingWith("not valid JSON (at byte ")
                .hasMessageNotContaining("Plantedname");
        assertThatThrownBy(() -> subset.read("[1]".getBytes(StandardCharsets.UTF_8))).hasMessage("not a JSON object");
        assertThatThrownBy(() -> subset.read(new byte[0])).isInstanceOf(IOException.class);
    }
}
