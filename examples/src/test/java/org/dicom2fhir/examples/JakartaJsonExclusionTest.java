package org.dicom2fhir.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ibm.fhir.model.format.Format;
import com.ibm.fhir.model.parser.FHIRParser;
import com.ibm.fhir.model.parser.exception.FHIRParserException;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/**
 * Why the pom excludes org.glassfish:jakarta.json where HAPI and IBM meet. Both jars carry the
 * jakarta.json API classes, and each API copy falls back to its own implementation, so whichever jar
 * comes first on the class path decides. With glassfish's first (HAPI is declared before IBM), IBM's
 * parser silently accepts duplicate JSON keys, the last one winning ({"id":"a","id":"b"} parses as id
 * "b"); nothing fails, and writing is unaffected. With only parsson, IBM rejects them as FHIR requires.
 */
class JakartaJsonExclusionTest {
    @Test
    void theIbmModelGetsParsson() {
        assertThat(JsonProvider.provider().getClass().getName()).startsWith("org.eclipse.parsson.");
    }

    @Test
    void theIbmParserRejectsDuplicateKeys() {
        String duplicateId = "{\"resourceType\":\"Patient\",\"id\":\"a\",\"id\":\"b\"}";
        assertThatThrownBy(() -> FHIRParser.parser(Format.JSON).parse(new StringReader(duplicateId)))
                .isInstanceOf(FHIRParserException.class).hasMessageContaining("Duplicate key 'id'");
    }
}
