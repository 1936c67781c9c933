package org.dicom2fhir.cli;

/**
 * One option of the command line: its names, what it does to {@link Options}, and its help text. The
 * parser and the help are both driven by a list of these, so they cannot drift apart.
 *
 * @param shortName   {@code -o}, or null
 * @param longName    {@code --output}
 * @param label       the value's name in the help ({@code FILE}), or null for a flag
 * @param negatable   a flag that also has a {@code --no-} form
 * @param repeatable  a value option that may be given several times (each value is kept)
 * @param description the help text, one paragraph
 * @param onFlag      what a flag does (null for a value option)
 * @param onValue     what a value does (null for a flag)
 */
record OptionSpec(String shortName, String longName, String label, boolean negatable, boolean repeatable,
        String description, FlagSetter onFlag, ValueSetter onValue) {

    OptionSpec {
        if (!longName.startsWith("--") || shortName != null && (shortName.length() != 2 || shortName.charAt(0) != '-')) {
            throw new IllegalArgumentException("not an option name: " + shortName + " " + longName);
        }
        if ((label == null) != (onValue == null) || (onFlag == null) == (onValue == null)
                || negatable && onFlag == null || repeatable && onValue == null) {
            throw new IllegalArgumentException("inconsistent option " + longName);
        }
    }

    /** An option without a value. */
    static OptionSpec flag(String shortName, String longName, String description, FlagSetter onFlag) {
        return new OptionSpec(shortName, longName, null, false, false, description, onFlag, null);
    }

    /** A flag with a {@code --no-} form: {@code --progress} sets true, {@code --no-progress} false. */
    static OptionSpec negatableFlag(String longName, String description, FlagSetter onFlag) {
        return new OptionSpec(null, longName, null, true, false, description, onFlag, null);
    }

    /** An option with one value, given at most once. */
    static OptionSpec value(String shortName, String longName, String label, String description, ValueSetter onValue) {
        return new OptionSpec(shortName, longName, label, false, false, description, null, onValue);
    }

    /** An option with one value, given any number of times. */
    static OptionSpec repeatableValue(String longName, String label, String description, ValueSetter onValue) {
        return new OptionSpec(null, longName, label, false, true, description, null, onValue);
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

    @FunctionalInterface
    interface FlagSetter {
        void set(Options options, boolean on);
    }

    @FunctionalInterface
    interface ValueSetter {
        /** @throws InvalidValueException when the value is not one the option accepts */
        void set(Options options, String value) throws InvalidValueException;
    }

    /** A value the option does not accept; the message says why, as a clause ("'x' is not a format: use json or xml"). */
    static final class InvalidValueException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidValueException(String message) {
            super(message, null, false, false);
        }
    }
}
