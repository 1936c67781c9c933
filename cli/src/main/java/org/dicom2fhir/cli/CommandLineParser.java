package org.dicom2fhir.cli;

import java.util.ArrayList;
import java.util.List;
import org.dicom2fhir.cli.ValueType.InvalidValueException;

/**
 * Reads a command line into {@link Options}, by the declarations of {@link CliOptions}: this class
 * knows the syntax, never a particular option. Hand-written instead of a library: a library's start-up
 * (reflection, converters, help machinery) cost about a tenth of a one-shot run.
 *
 * <p>Syntax, as picocli accepted it: {@code --name value}, {@code --name=value}, {@code -o value},
 * {@code -ovalue}, {@code -o=value}, clustered flags ({@code -qv}, also ending in a value option:
 * {@code -qo FILE}), {@code --} ends the options, a lone {@code -} is a value, flags take an optional
 * attached {@code =true}/{@code =false}. A separate argument is taken as an option's value unless it is
 * {@code --} or starts with a known option's name, so {@code --timezone -05:00} works.
 *
 * <p>Errors, as picocli ordered them: a missing or bad value and an option given twice stop the parse at
 * once; unknown options and extra STUDY_DIRs are reported at the end, and not at all when help or the
 * version was asked for. Messages never repeat a positional argument (folder paths may carry a patient's
 * name) and name unknown options without their attached values.
 */
final class CommandLineParser {

    private static final String NO = "--no-";

    private final Options options = new Options();
    private final List<String> unknownOptions = new ArrayList<>();
    private int extraPositionals;

    private CommandLineParser() {
    }

    /**
     * The options of {@code args}.
     *
     * @throws UsageException with a clause for "dicom2fhir: ...", when the command line is not valid
     */
    static Options parse(String... args) throws UsageException {
        CommandLineParser parser = new CommandLineParser();
        // "batch" as the first argument selects the archive subcommand (a study folder named batch: ./batch)
        if (args.length > 0 && args[0].equals(BATCH)) {
            parser.options.batch(true);
            parser.read(List.of(args).subList(1, args.length));
        } else {
            parser.read(List.of(args));
        }
        return parser.finish();
    }

    static final String BATCH = "batch";

    private void read(List<String> args) throws UsageException {
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || arg.length() < 2 || arg.charAt(0) != '-') {
                positional(arg);
            } else if (arg.equals("--")) {
                optionsEnded = true;
            } else if (arg.startsWith("--")) {
                i = longOption(arg, args, i);
            } else {
                i = shortOptions(arg, args, i);
            }
        }
    }

    private Options finish() throws UsageException {
        if (options.on(CliOptions.HELP) || options.on(CliOptions.VERSION)) {
            return options;
        }
        if (!unknownOptions.isEmpty()) {
            throw new UsageException((unknownOptions.size() == 1 ? "Unknown option: " : "Unknown options: ")
                    + String.join(", ", unknownOptions));
        }
        if (extraPositionals > 0) {
            throw new UsageException("give exactly one STUDY_DIR (" + extraPositionals + " more argument"
                    + (extraPositionals == 1 ? " was" : "s were") + " given)");
        }
        return options;
    }

    private void positional(String arg) {
        if (options.batch()) {
            options.root(arg);
            return;
        }
        if (options.studyDir() == null && extraPositionals == 0) {
            options.studyDir(arg);
        } else {
            extraPositionals++;
        }
    }

    /** {@code --name}, {@code --name=value}, {@code --no-name}; returns the index of the last argument used. */
    private int longOption(String arg, List<String> args, int i) throws UsageException {
        int equals = arg.indexOf('=');
        String name = equals < 0 ? arg : arg.substring(0, equals);
        String attached = equals < 0 ? null : arg.substring(equals + 1);
        OptionSpec<?> spec = byLongName(name);
        if (spec != null) {
            return apply(spec, false, attached, args, i);
        }
        OptionSpec<?> negated = negatedByLongName(name);
        if (negated != null) {
            return apply(negated, true, attached, args, i);
        }
        unknownOptions.add("'" + name + "'");
        return i;
    }

    /** {@code -q}, {@code -qv}, {@code -ofile}, {@code -o=file}, {@code -qo file}; returns the index of the last argument used. */
    private int shortOptions(String arg, List<String> args, int i) throws UsageException {
        for (int at = 1; at < arg.length(); at++) {
            OptionSpec<?> spec = byShortName(arg.charAt(at));
            if (spec == null) {
                unknownOptions.add("'-" + arg.charAt(at) + "'");
                return i;
            }
            String rest = arg.substring(at + 1);
            if (spec.takesValue()) {
                String attached = rest.isEmpty() ? null : rest.startsWith("=") ? rest.substring(1) : rest;
                return apply(spec, false, attached, args, i);
            }
            if (rest.startsWith("=")) {
                return apply(spec, false, rest.substring(1), args, i);
            }
            apply(spec, false, null, args, i);
        }
        return i;
    }

    /**
     * Applies one occurrence of an option; its value is {@code attached}, else (for a value option) the
     * next argument. Returns the index of the last argument used.
     */
    private <T> int apply(OptionSpec<T> spec, boolean negated, String attached, List<String> args, int i)
            throws UsageException {
        if (!options.occurrence(spec)) {
            throw new UsageException("option " + spec.nameInMessages() + " should be specified only once");
        }
        int last = i;
        String text = attached;
        if (text == null && spec.takesValue()) {
            if (i + 1 >= args.size()) {
                throw new UsageException("Missing required parameter for option " + spec.nameInMessages());
            }
            String next = args.get(i + 1);
            if (isOptionName(next)) {
                throw new UsageException("Expected parameter for option '" + spec.longName() + "' but found '"
                        + optionNameOf(next) + "'");
            }
            text = next;
            last = i + 1;
        }
        T value;
        try {
            // a flag without an attached value is on
            value = text == null ? spec.type().parse("true", spec) : spec.type().parse(text, spec);
        } catch (InvalidValueException e) {
            throw new UsageException("Invalid value for option '" + spec.longName() + "': " + e.getMessage());
        }
        if (negated) {
            // only flags are negatable: the value is a Boolean
            @SuppressWarnings("unchecked")
            T inverted = (T) Boolean.valueOf(!((Boolean) value));
            value = inverted;
        }
        options.set(spec, value);
        return last;
    }

    /** Whether an argument is {@code --} or starts with a known option's name: then it is not taken as a value. */
    private static boolean isOptionName(String arg) {
        if (arg.equals("--")) {
            return true;
        }
        if (arg.length() < 2 || arg.charAt(0) != '-') {
            return false;
        }
        if (arg.startsWith("--")) {
            String name = optionNameOf(arg);
            return byLongName(name) != null || negatedByLongName(name) != null;
        }
        return byShortName(arg.charAt(1)) != null;
    }

    /** The option name an argument starts with, without any attached value. */
    private static String optionNameOf(String arg) {
        if (arg.startsWith("--")) {
            int equals = arg.indexOf('=');
            return equals < 0 ? arg : arg.substring(0, equals);
        }
        return arg.substring(0, Math.min(2, arg.length()));
    }

    private static OptionSpec<?> byLongName(String name) {
        for (OptionSpec<?> spec : CliOptions.ALL) {
            if (spec.longName().equals(name)) {
                return spec;
            }
        }
        return null;
    }

    private static OptionSpec<?> negatedByLongName(String name) {
        if (!name.startsWith(NO)) {
            return null;
        }
        OptionSpec<?> spec = byLongName("--".concat(name.substring(NO.length())));
        return spec != null && spec.negatable() ? spec : null;
    }

    private static OptionSpec<?> byShortName(char name) {
        for (OptionSpec<?> spec : CliOptions.ALL) {
            if (spec.shortName() != null && spec.shortName().charAt(1) == name) {
                return spec;
            }
        }
        return null;
    }
}
