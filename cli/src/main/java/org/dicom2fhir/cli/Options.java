package org.dicom2fhir.cli;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.core.IdStrategy;

/**
 * The command line of {@code dicom2fhir} once parsed: plain fields, filled in once by
 * {@link CommandLineParser} and read by {@link ConversionRun}. Null means "not given".
 */
final class Options {
    static final int DEFAULT_MAX_DIR_DEPTH = 32;
    static final int DEFAULT_MAX_NESTING = 64;
    static final int DEFAULT_MAX_INFLATED_MIB = 64;

    String studyDir;
    String output;
    String reader;
    String writer;
    OutputFormat format = OutputFormat.JSON;
    boolean pretty;
    ZoneId timezone;
    IdStrategy id = IdStrategy.UID;
    String endpoint;
    boolean split;
    Integer maxDirDepth;
    Integer maxNesting;
    Integer maxInflatedMib;
    List<String> plugins = new ArrayList<>();
    /** Null: decided by whether standard error is a terminal. */
    Boolean progress;
    String report;
    boolean validate;
    boolean quiet;
    boolean verbose;
    boolean listBackends;
    boolean help;
    boolean version;
}
