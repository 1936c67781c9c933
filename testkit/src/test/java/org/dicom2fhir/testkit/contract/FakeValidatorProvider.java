package org.dicom2fhir.testkit.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirValidator;
import org.dicom2fhir.api.spi.FhirValidatorProvider;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.ValidationIssue;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** A validator of one rule, so that testkit can check the contract's validation test without HAPI. */
public class FakeValidatorProvider implements FhirValidatorProvider {
    @Override
    public String name() {
        return "fake";
    }

    @Override
    public String description() {
        return "requires ImagingStudy.status";
    }

    @Override
    public Set<FhirRelease> releases() {
        return EnumSet.allOf(FhirRelease.class);
    }

    @Override
    public FhirValidator create() {
        return FakeValidatorProvider::validate;
    }

    private static List<ValidationIssue> validate(byte[] resource, OutputFormat format, FhirRelease release) {
        List<ValidationIssue> issues = new ArrayList<>();
        try {
            if (format == OutputFormat.JSON) {
                for (JsonNode study : studies(JsonTrees.read(resource))) {
                    if (!study.has("status")) {
                        issues.add(new ValidationIssue(ValidationIssue.Severity.ERROR, "ImagingStudy", "status missing"));
                    }
                }
            } else {
                NodeList studies = FhirXml.parse(resource).getElementsByTagNameNS(FhirXml.NAMESPACE, "ImagingStudy");
                for (int i = 0; i < studies.getLength(); i++) {
                    if (!hasChild((Element) studies.item(i), "status")) {
                        issues.add(new ValidationIssue(ValidationIssue.Severity.ERROR, "ImagingStudy", "status missing"));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            issues.add(new ValidationIssue(ValidationIssue.Severity.FATAL, "", "unreadable"));
        }
        return issues;
    }

    private static List<JsonNode> studies(JsonNode root) {
        List<JsonNode> studies = new ArrayList<>();
        if ("ImagingStudy".equals(root.path("resourceType").asText())) {
            studies.add(root);
        }
        // a transaction's Patient entry has no status to require
        root.path("entry").forEach(entry -> {
            if ("ImagingStudy".equals(entry.path("resource").path("resourceType").asText())) {
                studies.add(entry.path("resource"));
            }
        });
        return studies;
    }

    private static boolean hasChild(Element element, String name) {
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && name.equals(e.getLocalName())) {
                return true;
            }
        }
        return false;
    }
}
