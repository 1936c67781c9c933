package org.dicom2fhir.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The {@code dicom2fhir} command. {@link #run} does the work and returns the exit code without
 * ever calling {@code System.exit}, so tests run it in-process; {@link #main} exits with it.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintStream stdout = System.out;
        // a library that prints on its own goes to standard error: standard output carries only the resource
        System.setOut(System.err);
        int code = run(args, stdout, System.err);
        stdout.flush();
        System.err.flush();
        System.exit(code);
    }

    /** Runs the command with the process's environment. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv());
    }

    /**
     * Runs the command. Standard output receives only the resource (or help, version, backend list);
     * everything for a person goes to {@code err}.
     *
     * @param environment where {@code DICOM2FHIR_PLUGINS} is looked up
     * @return the exit code ({@link ExitCodes})
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
        Options options;
        try {
            options = CommandLineParser.parse(args);
        } catch (UsageException e) {
            err.println("dicom2fhir: " + sentence(e.getMessage()));
            err.println("Try 'dicom2fhir --help' for the options.");
            return ExitCodes.USAGE;
        } catch (RuntimeException e) {
            return Failures.internalError(e, err, false);
        }
        if (options.on(CliOptions.HELP)) {
            return print(HelpText.lines(), out);
        }
        if (options.on(CliOptions.VERSION)) {
            return print(VersionProvider.lines(), out);
        }
        try {
            return new ConversionRun(options, out, err, environment).call();
        } catch (RuntimeException | Error e) {
            return Failures.internalError(e, err, options.on(CliOptions.VERBOSE));
        }
    }

    private static int print(List<String> lines, PrintStream out) {
        PrintWriter writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        lines.forEach(writer::println);
        writer.flush();
        return ExitCodes.SUCCESS;
    }

    /** The parser's messages as sentences: capital letter not needed, but a final full stop. */
    static String sentence(String message) {
        if (message == null || message.isBlank()) {
            return "the command line is not valid.";
        }
        String s = message.strip();
        return s.endsWith(".") ? s : s + ".";
    }
}
