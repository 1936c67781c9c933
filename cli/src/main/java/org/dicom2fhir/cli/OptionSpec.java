package org.dicom2fhir.cli;

/**
 * One option of the command line: its names, whether it takes a value, and its help text. The parser
 * and the help are both driven by a list of these, so they cannot drift apart; what each option does
 * to {@link Options} is the parser's switch.
 *
 * @param shortName   {@code -o}, or null
 * @param longName    {@code --output}
 * @param label       the value's name in the help ({@code FILE}), or null for a flag
 * @param negatable   a flag that also has a {@code --no-} form
 * @param repeatable  a value option that may be given several times (each value is kept)
 * @param description the help text, one paragraph
 */
record OptionSpec(String shortName, String longName, String label, boolean negatable, boolean repeatable,
        String description) {

    OptionSpec {
        if (!longName.startsWith("--") || shortName != null && (shortName.length() != 2 || shortName.charAt(0) != '-')) {
            throw new IllegalArgumentException("not an option name: " + shortName + " " + longName);
        }
        if (negatable && label != null || repeatable && label == null) {
            throw new IllegalArgumentException("inconsistent option " + longName);
        }
    }

    /** An option without a value. */
    static OptionSpec flag(String shortName, String longName, String description) {
        return new OptionSpec(shortName, longName, null, false, false, description);
    }

    /** A flag with a {@code --no-} form: {@code --progress} sets true, {@code --no-progress} false. */
    static OptionSpec negatableFlag(String longName, String description) {
        return new OptionSpec(null, longName, null, true, false, description);
    }

    /** An option with one value, given at most once. */
    static OptionSpec value(String shortName, String longName, String label, String description) {
        return new OptionSpec(shortName, longName, label, false, false, description);
    }

    /** An option with one value, given any number of times. */
    static OptionSpec repeatableValue(String longName, String label, String description) {
        return new OptionSpec(null, longName, label, false, true, description);
    }

    boolean takesValue() {
        return label != null;
    }

    /** The long name with the negation marker, as the help shows it: {@code --[no-]progress}. */
    String longNameInHelp() {
        return negatable ? "--[no-]" + longName.substring(2) : longName;
    }

    /** The name messages use: the long one, and the value's label for a value option (picocli's wording). */
    String nameInMessages() {
        return "'" + longName + "'" + (takesValue() ? " (" + label + ")" : "");
    }

    /** A value the option does not accept; the message says why, as a clause ("'x' is not a format: use json or xml"). */
    static final class InvalidValueException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidValueException(String message) {
            super(message, null, false, false);
        }
    }
}
