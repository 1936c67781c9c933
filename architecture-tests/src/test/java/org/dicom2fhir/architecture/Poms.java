package org.dicom2fhir.architecture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Small reads of the repository's pom files (plain DOM: no Maven model on the test class path). */
final class Poms {
    private Poms() {
    }

    /** The repository root: this module's parent folder (set by the pom; surefire runs in the module folder). */
    static Path root() {
        Path root = Path.of(System.getProperty("dicom2fhir.root", "..")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("architecture-tests"))) {
            throw new IllegalStateException("not the repository root: " + root);
        }
        return root;
    }

    static Document read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    /** Every module folder the root pom names, in its modules and in its profiles' modules. */
    static Set<String> modules(Path root) throws Exception {
        NodeList nodes = read(root.resolve("pom.xml")).getElementsByTagName("module");
        Set<String> modules = new LinkedHashSet<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            modules.add(nodes.item(i).getTextContent().trim());
        }
        return modules;
    }

    static String rootVersion() throws Exception {
        return child(read(root().resolve("pom.xml")).getDocumentElement(), "version");
    }

    static String artifactId(Path pom) throws Exception {
        return child(read(pom).getDocumentElement(), "artifactId");
    }

    static String packaging(Path pom) throws Exception {
        String packaging = child(read(pom).getDocumentElement(), "packaging");
        return packaging == null ? "jar" : packaging;
    }

    /** The text of a direct child element, or null. */
    static String child(Element parent, String name) {
        Element element = childElement(parent, name);
        return element == null ? null : element.getTextContent().trim();
    }

    static Element childElement(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element && ((Element) node).getTagName().equals(name)) {
                return (Element) node;
            }
        }
        return null;
    }

    static List<Element> childElements(Element parent, String name) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element && ((Element) node).getTagName().equals(name)) {
                elements.add((Element) node);
            }
        }
        return elements;
    }
}
