package org.dicom2fhir.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PatientIdSystemsTest {
    @TempDir
    Path tmp;

    private Path file(String text) throws IOException {
        return Files.writeString(tmp.resolve("issuers.txt"), text, StandardCharsets.UTF_8);
    }

    @Test
    void linesSplitAtTheLastEqualsSignTrimmedCommentsAndBlanksIgnored() throws IOException {
        Map<String, String> map = PatientIdSystems.readIssuerMap(file(String.join("\n",
                "# hospital issuers", "", "  HOSP A = urn:oid:1.2.840.99.1  ",
                "Klinik=Süd = https://klinik.example/patients", "\t# indented comment")));
        // the last '=' splits: an issuer's text may hold '=' (a system URI then cannot)
        assertThat(map).containsExactly(Map.entry("HOSP A", "urn:oid:1.2.840.99.1"),
                Map.entry("Klinik=Süd", "https://klinik.example/patients"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"no separator", "=urn:oid:1.2.3.4", "CLINIC=", "CLINIC=not a uri",
        "CLINIC=urn:x:1\nCLINIC=urn:x:2"})
    void aBadLineIsAUsageErrorNamingItsNumberNotItsText(String content) throws IOException {
        assertThatThrownBy(() -> PatientIdSystems.readIssuerMap(file("# header\n" + content)))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("line ")
                .hasMessageNotContaining("CLINIC").hasMessageNotContaining("separator");
    }

    @Test
    void anUnreadableOrNonUtf8FileIsAUsageError() throws IOException {
        assertThatThrownBy(() -> PatientIdSystems.readIssuerMap(tmp.resolve("missing.txt")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("Cannot read the issuer map");
        Path latin1 = Files.write(tmp.resolve("latin1.txt"), new byte[] {'K', (byte) 0xFC, '=', 'u', 'r', 'n', ':', 'x'});
        assertThatThrownBy(() -> PatientIdSystems.readIssuerMap(latin1))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("not UTF-8");
    }

    @Test
    void theDefaultSystemMustBeAnAbsoluteUri() {
        assertThatThrownBy(() -> new PatientIdSystems(Map.of(), "patients"))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("absolute URI");
        assertThat(new PatientIdSystems(Map.of(), "urn:oid:1.2.840.99.5").defaultSystem())
                .isEqualTo("urn:oid:1.2.840.99.5");
    }

    @Test
    void theConverterBuilderChecksTheDefaultSystem() {
        assertThatThrownBy(() -> Converter.builder().reader("part10").patientIdSystem("relative/path").build())
                .isInstanceOf(InvalidOptionException.class);
    }
}
