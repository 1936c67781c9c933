package org.dicom2fhir.testkit.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Library-free checks of FHIR XML against FHIR JSON: without a FHIR library the two cannot be
 * converted, but they must carry the same primitive values and the same resources. In XML a
 * primitive is a {@code value} attribute and an extension's URL a {@code url} attribute; in JSON both
 * are leaves. Resources are elements named by their type inside the root, {@code contained} or
 * {@code resource}; in JSON they are {@code resourceType} values.
 */
final class FhirXml {
    static final String NAMESPACE = "http://hl7.org/fhir";

    private FhirXml() {
    }

    /** Parses namespace-aware, refusing DOCTYPEs (a writer's XML never needs one). */
    static Document parse(byte[] xml) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** The XML's primitive values and extension URLs, sorted. */
    static List<String> values(Document xml) {
        List<String> values = new ArrayList<>();
        collectXml(xml.getDocumentElement(), values);
        values.sort(null);
        return values;
    }

    /** The JSON's leaves except {@code resourceType}, as text, sorted. */
    static List<String> values(JsonNode json) {
        List<String> values = new ArrayList<>();
        collectJson(json, values);
        values.sort(null);
        return values;
    }

    /** The resource types in the XML (root, contained, bundle entries), sorted. */
    static List<String> resourceTypes(Document xml) {
        List<String> types = new ArrayList<>();
        Element root = xml.getDocumentElement();
        types.add(root.getLocalName());
        collectResources(root, types);
        types.sort(null);
        return types;
    }

    /** The {@code resourceType} values in the JSON, sorted. */
    static List<String> resourceTypes(JsonNode json) {
        List<String> types = new ArrayList<>();
        json.findValues("resourceType").forEach(node -> types.add(node.asText()));
        types.sort(null);
        return types;
    }

    private static void collectXml(Element element, List<String> values) {
        if (element.hasAttribute("value")) {
            values.add(element.getAttribute("value"));
        }
        if (element.hasAttribute("url")) {
            values.add(element.getAttribute("url"));
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                collectXml(e, values);
            }
        }
    }

    private static void collectJson(JsonNode node, List<String> values) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!field.getKey().equals("resourceType")) {
                    collectJson(field.getValue(), values);
                }
            }
        } else if (node.isArray()) {
            node.forEach(item -> collectJson(item, values));
        } else {
            values.add(node.asText());
        }
    }

    private static void collectResources(Element element, List<String> types) {
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                String name = e.getLocalName();
                if (name.equals("contained") || name.equals("resource")) {
                    for (Node inner = e.getFirstChild(); inner != null; inner = inner.getNextSibling()) {
                        if (inner instanceof Element resource) {
                            types.add(resource.getLocalName());
                        }
                    }
                }
                collectResources(e, types);
            }
        }
    }
}
