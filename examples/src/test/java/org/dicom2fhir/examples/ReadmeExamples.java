package org.dicom2fhir.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the README's marked Java blocks and the example regions of the sources, and compares them.
 *
 * <p>A README block is checked when the line right before its opening fence ({@code ```java}) is
 * {@code <!-- example:NAME -->}; its region in the sources runs from a line {@code // example:NAME}
 * to the next {@code // end-example}. Blocks and regions are compared after normalising white space:
 * each line trimmed, blank lines dropped, runs of spaces and tabs collapsed to one space.
 */
final class ReadmeExamples {
    private static final Pattern MARKER = Pattern.compile("<!--\\s*example:([a-z0-9-]+)\\s*-->");
    private static final Pattern REGION_START = Pattern.compile("//\\s*example:([a-z0-9-]+)");
    private static final String REGION_END = "// end-example";

    private ReadmeExamples() {
    }

    /** A README block or a source region: where it is and its lines. */
    record Snippet(String name, String where, List<String> lines) {
        List<String> normalised() {
            return normalise(lines);
        }
    }

    /**
     * The marked Java blocks of a README, by name, in order.
     *
     * @throws IllegalArgumentException a marker not followed by a {@code ```java} fence, a Java block without
     *                                  a marker, an unclosed fence, or a name marked twice
     */
    static Map<String, Snippet> readmeBlocks(List<String> readme, String file) {
        Map<String, Snippet> blocks = new LinkedHashMap<>();
        for (int i = 0; i < readme.size(); i++) {
            String line = readme.get(i).strip();
            Matcher marker = MARKER.matcher(line);
            if (marker.matches()) {
                if (i + 1 >= readme.size() || !readme.get(i + 1).strip().equals("```java")) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": the marker " + line
                            + " must be followed directly by a ```java fence");
                }
                continue;
            }
            if (line.startsWith("```")) {
                int end = closingFence(readme, i, file);
                if (line.equals("```java")) {
                    Matcher previous = i == 0 ? null : MARKER.matcher(readme.get(i - 1).strip());
                    if (previous == null || !previous.matches()) {
                        throw new IllegalArgumentException(file + ":" + (i + 1) + ": a ```java block without a"
                                + " <!-- example:NAME --> line right above it; every Java block of the README is"
                                + " compiled code from examples/");
                    }
                    String name = previous.group(1);
                    Snippet block = new Snippet(name, file + ":" + (i + 1), List.copyOf(readme.subList(i + 1, end)));
                    if (blocks.put(name, block) != null) {
                        throw new IllegalArgumentException(file + ":" + (i + 1) + ": example:" + name + " is marked twice");
                    }
                }
                i = end;
            }
        }
        return blocks;
    }

    private static int closingFence(List<String> lines, int open, String file) {
        for (int j = open + 1; j < lines.size(); j++) {
            if (lines.get(j).strip().equals("```")) {
                return j;
            }
        }
        throw new IllegalArgumentException(file + ":" + (open + 1) + ": a code block that is never closed");
    }

    /**
     * The example regions of one source file, by name.
     *
     * @throws IllegalArgumentException a region that is not closed, nested, or an end without a start
     */
    static Map<String, Snippet> regions(List<String> source, String file) {
        Map<String, Snippet> regions = new LinkedHashMap<>();
        String open = null;
        int start = -1;
        for (int i = 0; i < source.size(); i++) {
            String line = source.get(i).strip();
            Matcher m = REGION_START.matcher(line);
            if (m.matches()) {
                if (open != null) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": example:" + m.group(1)
                            + " starts inside example:" + open);
                }
                open = m.group(1);
                start = i;
            } else if (line.equals(REGION_END)) {
                if (open == null) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": end-example without example:NAME");
                }
                regions.put(open, new Snippet(open, file + ":" + (start + 1), List.copyOf(source.subList(start + 1, i))));
                open = null;
            }
        }
        if (open != null) {
            throw new IllegalArgumentException(file + ":" + (start + 1) + ": example:" + open + " is never ended");
        }
        return regions;
    }

    /** The regions of every {@code .java} file under the roots, by name; a name used twice fails. */
    static Map<String, Snippet> regions(List<Path> roots) {
        Map<String, Snippet> all = new LinkedHashMap<>();
        for (Path root : roots) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Path file : files) {
                for (Snippet region : regions(readLines(file), file.toString()).values()) {
                    Snippet other = all.put(region.name(), region);
                    if (other != null) {
                        throw new IllegalArgumentException("example:" + region.name() + " is a region twice: "
                                + other.where() + " and " + region.where());
                    }
                }
            }
        }
        return all;
    }

    /**
     * Every problem found comparing the README's blocks with the regions, one sentence each; empty when the
     * README shows exactly the compiled examples.
     */
    static List<String> problems(Map<String, Snippet> blocks, Map<String, Snippet> regions) {
        List<String> problems = new ArrayList<>();
        if (blocks.isEmpty()) {
            problems.add("the README has no marked Java block (<!-- example:NAME --> right above ```java)");
        }
        for (Snippet block : blocks.values()) {
            Snippet region = regions.get(block.name());
            if (region == null) {
                problems.add(block.where() + ": example:" + block.name() + " has no region // example:" + block.name()
                        + " ... // end-example in the examples' sources");
                continue;
            }
            String difference = firstDifference(block.normalised(), region.normalised());
            if (difference != null) {
                problems.add(block.where() + ": example:" + block.name() + " differs from " + region.where() + ": "
                        + difference);
            }
        }
        for (Snippet region : regions.values()) {
            if (!blocks.containsKey(region.name())) {
                problems.add(region.where() + ": the region example:" + region.name() + " is in no README block"
                        + " (show it, or drop the markers)");
            }
        }
        return problems;
    }

    /** Trims each line, drops blank lines, collapses runs of spaces and tabs. */
    static List<String> normalise(List<String> lines) {
        return lines.stream().map(l -> l.strip().replaceAll("[ \\t]+", " ")).filter(l -> !l.isEmpty()).toList();
    }

    private static String firstDifference(List<String> readme, List<String> source) {
        for (int i = 0; i < Math.max(readme.size(), source.size()); i++) {
            String r = i < readme.size() ? readme.get(i) : "(nothing)";
            String s = i < source.size() ? source.get(i) : "(nothing)";
            if (!r.equals(s)) {
                return "line " + (i + 1) + " (not counting blank lines) is\n    README: " + r + "\n    source: " + s;
            }
        }
        return null;
    }

    static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
