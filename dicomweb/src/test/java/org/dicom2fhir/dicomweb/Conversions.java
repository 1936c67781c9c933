package org.dicom2fhir.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirValidator;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.ValidationIssue;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.core.Backends;
import org.dicom2fhir.core.ConversionResult;
import org.dicom2fhir.core.Converter;

/** What the tests compare: a study's R4 JSON as a tree, validated with validator-hapi, without the Endpoint. */
final class Conversions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FhirValidator VALIDATOR = Backends.discover().validator(null);

    private Conversions() {
    }

    static Converter converter(String endpoint, boolean split) {
        return Converter.builder().reader("part10").writer("hapi").endpoint(endpoint).split(split).build();
    }

    /** Each study's JSON tree, each validated (zero ERROR/FATAL issues). */
    static List<JsonNode> validatedTrees(Converter converter, ConversionResult result) throws IOException {
        List<JsonNode> trees = new java.util.ArrayList<>();
        for (StudyData study : result.studies()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            converter.writer().write(study, out, WriteOptions.json());
            List<ValidationIssue> errors = VALIDATOR.validate(out.toByteArray(), OutputFormat.JSON, FhirRelease.R4)
                    .stream().filter(ValidationIssue::isError).toList();
            assertThat(errors).as("validation errors of study %s", study.id()).isEmpty();
            trees.add(JSON.readTree(out.toByteArray()));
        }
        return trees;
    }

    /** The tree without the DICOMweb Endpoint: the ImagingStudy's endpoint reference and the contained Endpoint. */
    static JsonNode withoutEndpoint(JsonNode study) {
        ObjectNode copy = study.deepCopy();
        copy.remove("endpoint");
        JsonNode contained = copy.get("contained");
        if (contained instanceof ArrayNode array) {
            for (int i = array.size() - 1; i >= 0; i--) {
                if ("Endpoint".equals(array.get(i).path("resourceType").asText())) {
                    array.remove(i);
                }
            }
        }
        return copy;
    }
}
