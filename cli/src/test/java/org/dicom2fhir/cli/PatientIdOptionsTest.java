package org.dicom2fhir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --issuer-map and --patient-id-system: their values are checked before anything is read. */
class PatientIdOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void aValidMapAndSystemConvertAsBefore() throws IOException {
        Path study = Files.createDirectories(tmp.resolve("study"));
        Studies.writeStudyA(study);
        Path map = Files.writeString(tmp.resolve("issuers.txt"), "# ours\nTESTKIT=urn:oid:1.2.840.99.1\n",
                StandardCharsets.UTF_8);
        CliRun run = CliRun.of("--issuer-map", map.toString(), "--patient-id-system", "urn:oid:1.2.840.99.2",
                study.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        // the generated study's qualifiers name a UUID issuer: rule (1) wins over the map
        assertThat(run.stdout()).contains("urn:uuid:9b3a6f0e-3c4d-4b8a-9a57-2f1d6c0e8b11")
                .doesNotContain("urn:oid:1.2.840.99.1", "urn:oid:1.2.840.99.2");
    }

    @Test
    void aBadLineOfTheIssuerMapIsAUsageErrorNamingTheLine() throws IOException {
        Path map = Files.writeString(tmp.resolve("issuers.txt"), "# ours\nCITY CLINIC=not a uri\n",
                StandardCharsets.UTF_8);
        CliRun run = CliRun.of("--issuer-map", map.toString(), tmp.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("line 2 of the issuer map").doesNotContain("CITY CLINIC");
    }

    @Test
    void aRelativePatientIdSystemIsAUsageError() {
        CliRun run = CliRun.of("--patient-id-system", "patients", tmp.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("absolute URI");
    }
}
