package org.dicom2fhir.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's Java is the examples' code: every ```java block of ../README.md is marked
 * {@code <!-- example:NAME -->} and equals the region {@code // example:NAME} ... {@code // end-example}
 * of src/main or src/test (white space aside), and every region is shown in the README.
 */
class ReadmeExamplesTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    private static final Path README = MODULE.resolve("../README.md").normalize();

    @Test
    void everyJavaBlockOfTheReadmeIsAnExampleRegionAndEveryRegionIsShown() {
        assertThat(README).as("the repository's README").isRegularFile();
        Map<String, ReadmeExamples.Snippet> blocks = ReadmeExamples.readmeBlocks(ReadmeExamples.readLines(README),
                README.toString());
        Map<String, ReadmeExamples.Snippet> regions = ReadmeExamples.regions(
                List.of(MODULE.resolve("src/main/java"), MODULE.resolve("src/test/java")));

        assertThat(ReadmeExamples.problems(blocks, regions)).as("README blocks against example regions").isEmpty();
        assertThat(blocks).as("the examples the README must show").containsKeys("imports", "one-liner", "hapi-r4",
                "hapi-r5", "ibm", "builder", "read-and-map", "third-party-writer", "writer-contract-test",
                "third-party-reader", "reader-contract-test");
    }

    // ------------------------------------------------------------------ the check itself

    private static final List<String> SOURCE = List.of(
            "class A {",
            "    void f() {",
            "        // example:demo",
            "        int  answer =   42;",
            "",
            "        System.out.println(answer);",
            "        // end-example",
            "    }",
            "}");

    private static List<String> problems(String... readme) {
        return ReadmeExamples.problems(ReadmeExamples.readmeBlocks(List.of(readme), "README"),
                ReadmeExamples.regions(SOURCE, "A.java"));
    }

    @Test
    void equalUpToWhiteSpacePasses() {
        assertThat(problems("Text", "<!-- example:demo -->", "```java", "int answer = 42;", "   System.out.println(answer);",
                "", "```", "```", "a shell block", "```")).isEmpty();
    }

    @Test
    void oneChangedWordFails() {
        assertThat(problems("<!-- example:demo -->", "```java", "int answer = 43;", "System.out.println(answer);", "```"))
                .singleElement().asString().contains("example:demo differs", "README: int answer = 43;",
                        "source: int answer = 42;");
    }

    @Test
    void aMissingOrExtraLineFails() {
        assertThat(problems("<!-- example:demo -->", "```java", "int answer = 42;", "```")).singleElement().asString()
                .contains("README: (nothing)");
        assertThat(problems("<!-- example:demo -->", "```java", "int answer = 42;", "System.out.println(answer);",
                "return;", "```")).singleElement().asString().contains("source: (nothing)");
    }

    @Test
    void aBlockWithoutARegionFails() {
        assertThat(problems("<!-- example:demo -->", "```java", "int answer = 42;", "System.out.println(answer);", "```",
                "<!-- example:other -->", "```java", "x();", "```"))
                .singleElement().asString().contains("example:other has no region");
    }

    @Test
    void aReadmeWithoutMarkedBlocksFails() {
        assertThat(problems("# Title", "```", "./dicom2fhir dir", "```"))
                .anySatisfy(p -> assertThat(p).contains("no marked Java block"))
                .anySatisfy(p -> assertThat(p).contains("example:demo is in no README block"));
    }

    @Test
    void aRegionShownNowhereFails() {
        List<String> problems = ReadmeExamples.problems(
                ReadmeExamples.readmeBlocks(List.of("<!-- example:demo -->", "```java", "int answer = 42;",
                        "System.out.println(answer);", "```"), "README"),
                Map.of("demo", ReadmeExamples.regions(SOURCE, "A.java").get("demo"),
                        "orphan", new ReadmeExamples.Snippet("orphan", "B.java:3", List.of("x();"))));
        assertThat(problems).singleElement().asString().contains("example:orphan is in no README block");
    }

    @Test
    void unmarkedJavaBlocksAndMisplacedMarkersFail() {
        assertThatThrownBy(() -> problems("```java", "int answer = 42;", "```"))
                .hasMessageContaining("a ```java block without a <!-- example:NAME --> line right above it");
        assertThatThrownBy(() -> problems("<!-- example:demo -->", "", "```java", "int answer = 42;", "```"))
                .hasMessageContaining("must be followed directly by a ```java fence");
        assertThatThrownBy(() -> problems("<!-- example:demo -->", "```xml", "<a/>", "```"))
                .hasMessageContaining("must be followed directly by a ```java fence");
        assertThatThrownBy(() -> problems("<!-- example:demo -->", "```java", "int answer = 42;"))
                .hasMessageContaining("never closed");
    }

    @Test
    void brokenRegionsFail() {
        assertThatThrownBy(() -> ReadmeExamples.regions(List.of("// example:a", "x();"), "A.java"))
                .hasMessageContaining("example:a is never ended");
        assertThatThrownBy(() -> ReadmeExamples.regions(List.of("// example:a", "// example:b", "// end-example"), "A.java"))
                .hasMessageContaining("starts inside example:a");
        assertThatThrownBy(() -> ReadmeExamples.regions(List.of("x();", "// end-example"), "A.java"))
                .hasMessageContaining("end-example without example:NAME");
    }

    @Test
    void theRegionsOfThisModuleAreFoundInMainAndTest() {
        Map<String, ReadmeExamples.Snippet> regions = ReadmeExamples.regions(
                List.of(MODULE.resolve("src/main/java"), MODULE.resolve("src/test/java")));
        assertThat(regions).containsKeys("one-liner", "writer-contract-test");
        assertThat(Files.isDirectory(MODULE.resolve("src/test/java"))).isTrue();
    }
}
