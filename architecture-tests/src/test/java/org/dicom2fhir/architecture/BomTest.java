package org.dicom2fhir.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The BOM ({@code bom/pom.xml}) has no parent, so nothing keeps it in step with the build but this
 * test: same groupId and version as the root pom, and exactly the published modules' artifacts at
 * {@code ${project.version}}, nothing else.
 */
class BomTest {
    /**
     * Modules that are never deployed (their poms skip install and deploy, or, like architecture-tests,
     * hold only tests), and the BOM itself. it-fhir-jpa: integration tests against a HAPI FHIR JPA server,
     * test sources only, nothing a user could depend on.
     */
    private static final Set<String> NOT_LISTED =
            Set.of("bom", "benchmarks", "examples", "architecture-tests", "it-fhir-jpa", "spark-it-3.5",
                    "spark-it-4.0");

    @Test
    void bomHasNoParentAndTheRootsCoordinates() throws Exception {
        Path root = Poms.root();
        Element bom = Poms.read(root.resolve("bom/pom.xml")).getDocumentElement();
        Element parent = Poms.read(root.resolve("pom.xml")).getDocumentElement();

        assertThat(Poms.childElement(bom, "parent")).as("the BOM's parent").isNull();
        assertThat(Poms.child(bom, "groupId")).isEqualTo(Poms.child(parent, "groupId"));
        assertThat(Poms.child(bom, "version")).isEqualTo(Poms.child(parent, "version"));
        assertThat(Poms.child(bom, "artifactId")).isEqualTo("dicom2fhir-bom");
        assertThat(Poms.child(bom, "packaging")).isEqualTo("pom");
        // a BOM manages versions only: nothing of its own that an import would drag along
        assertThat(Poms.childElement(bom, "dependencies")).isNull();
        assertThat(Poms.childElement(bom, "properties")).isNull();
        for (String metadata : List.of("url", "licenses", "scm", "developers")) {
            Element own = Poms.childElement(bom, metadata);
            Element parents = Poms.childElement(parent, metadata);
            assertThat(parents).as("the root pom's " + metadata).isNotNull();
            assertThat(own).as("the BOM's " + metadata + " (Maven Central wants it; the parent's is not inherited)").isNotNull();
            assertThat(normalised(own)).as(metadata).isEqualTo(normalised(parents));
        }
    }

    @Test
    void bomListsEveryPublishedModuleAtTheProjectVersion() throws Exception {
        Path root = Poms.root();
        Element bom = Poms.read(root.resolve("bom/pom.xml")).getDocumentElement();
        String groupId = Poms.child(bom, "groupId");

        Set<String> published = new HashSet<>();
        for (String module : Poms.modules(root)) {
            if (!NOT_LISTED.contains(module)) {
                published.add(Poms.artifactId(root.resolve(module).resolve("pom.xml")));
            }
        }
        assertThat(published).as("published modules").hasSizeGreaterThanOrEqualTo(10)
                .contains("dicom2fhir-api", "dicom2fhir-core", "dicom2fhir-reader-pixelmed", "dicom2fhir-cli");

        List<String> listed = new ArrayList<>();
        Element management = Poms.childElement(bom, "dependencyManagement");
        assertThat(management).isNotNull();
        for (Element dependency : Poms.childElements(Poms.childElement(management, "dependencies"), "dependency")) {
            String artifactId = Poms.child(dependency, "artifactId");
            assertThat(Poms.child(dependency, "groupId")).as(artifactId).isEqualTo(groupId);
            assertThat(Poms.child(dependency, "version")).as(artifactId).isEqualTo("${project.version}");
            assertThat(Poms.child(dependency, "type")).as(artifactId).isNull();
            assertThat(Poms.child(dependency, "scope")).as(artifactId).isNull();
            listed.add(artifactId);
        }
        assertThat(listed).as("the BOM's artifacts (no duplicates)").doesNotHaveDuplicates();
        assertThat(listed).as("the BOM's artifacts against the root pom's published modules")
                .containsExactlyInAnyOrderElementsOf(published);
    }

    private static String normalised(Element element) {
        return element.getTextContent().replaceAll("\\s+", " ").trim();
    }
}
