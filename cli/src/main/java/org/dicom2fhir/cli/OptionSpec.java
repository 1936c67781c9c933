package org.dicom2fhir.cli;

import org.dicom2fhir.api.Limit;

/**
 * One option of the command line: its names, its value's label and {@link ValueType} (how it is
 * parsed and checked), its default and its help paragraph. Every option is declared once, in
 * {@link CliOptions}; the parser, the help and {@link Options} (where the value is kept, under the
 * option itself) are all driven by the declarations, so they cannot drift apart.
 *
 * <p>A plain class, not a record: a record's {@code equals} and {@code hashCode} are linked at their
 * first call, a start-up cost every run would pay; options are compared by identity.
 *
 * @param <T> the type of the value; {@link Boolean} for flags
 */
final class OptionSpec<T> {
    /** How often an option may be given, and whether it takes a value. */
    enum Arity {
        /** No value; at most once. */
        FLAG,
        /** No value, with a {@code --no-} form; at most once (either form). */
        NEGATABLE_FLAG,
        /** One value; at most once. */
        VALUE,
        /** One value each time; any number of times, every value kept in order. */
        REPEATABLE_VALUE
    }

    private final String shortName;
    private final String longName;
    private final String label;
    private final Arity arity;
    private final ValueType<T> type;
    private final T defaultValue;
    private final Limit limit;
    private final String description;
    /** Where {@link Options} keeps the value: the option's place in {@link CliOptions#ALL}. */
    private int index = -1;

    private OptionSpec(String shortName, String longName, String label, Arity arity, ValueType<T> type,
            T defaultValue, Limit limit, String description) {
        if (!longName.startsWith("--") || shortName != null && (shortName.length() != 2 || shortName.charAt(0) != '-')) {
            throw new IllegalArgumentException("not an option name: " + shortName + " " + longName);
        }
        boolean takesValue = arity == Arity.VALUE || arity == Arity.REPEATABLE_VALUE;
        if (takesValue != (label != null) || takesValue == (type == ValueType.BOOLEAN)
                || (type == ValueType.LIMIT) != (limit != null) || description == null || description.isBlank()) {
            throw new IllegalArgumentException("inconsistent option " + longName);
        }
        this.shortName = shortName;
        this.longName = longName;
        this.label = label;
        this.arity = arity;
        this.type = type;
        this.defaultValue = defaultValue;
        this.limit = limit;
        this.description = description;
    }

    /** A flag: given, it is true (or what its attached {@code =true}/{@code =false} says); else false. */
    static OptionSpec<Boolean> flag(String shortName, String longName, String description) {
        return new OptionSpec<>(shortName, longName, null, Arity.FLAG, ValueType.BOOLEAN, Boolean.FALSE, null,
                description);
    }

    /** A flag with a {@code --no-} form: {@code --progress} true, {@code --no-progress} false, neither null. */
    static OptionSpec<Boolean> negatableFlag(String longName, String description) {
        return new OptionSpec<>(null, longName, null, Arity.NEGATABLE_FLAG, ValueType.BOOLEAN, null, null,
                description);
    }

    /** An option with one value, given at most once; {@code defaultValue} (may be null) when not given. */
    static <T> OptionSpec<T> value(String shortName, String longName, String label, ValueType<T> type,
            T defaultValue, String description) {
        return new OptionSpec<>(shortName, longName, label, Arity.VALUE, type, defaultValue, null, description);
    }

    /** An option with one value, given any number of times: {@link Options#all} lists the values. */
    static <T> OptionSpec<T> repeatable(String longName, String label, ValueType<T> type, String description) {
        return new OptionSpec<>(null, longName, label, Arity.REPEATABLE_VALUE, type, null, null, description);
    }

    /**
     * The option of a safety limit: {@code --<optionName>=N} in the limit's user unit, described by the
     * limit's own line and default.
     */
    static OptionSpec<Long> limit(Limit limit) {
        return new OptionSpec<>(null, "--".concat(limit.optionName()), "N", Arity.VALUE, ValueType.LIMIT,
                limit.defaultValue(), limit, limitDescription(limit));
    }

    /**
     * {@code Most bytes read from one file before Pixel Data, in MiB; default 64.} Built without string
     * concatenation, which would be linked at start-up.
     */
    private static String limitDescription(Limit limit) {
        String line = limit.description();
        StringBuilder s = new StringBuilder(line.length() + 32);
        s.append(Character.toUpperCase(line.charAt(0))).append(line, 1, line.length());
        if (limit.unit() == Limit.Unit.MEBIBYTES) {
            s.append(", in MiB");
        }
        return s.append("; default ").append(limit.unit().toUser(limit.defaultValue())).append('.').toString();
    }

    /** Called once by {@link CliOptions} as it declares the option. */
    OptionSpec<T> at(int place) {
        if (index >= 0) {
            throw new IllegalStateException("option declared twice: " + longName);
        }
        index = place;
        return this;
    }

    int index() {
        return index;
    }

    /** {@code -o}, or null. */
    String shortName() {
        return shortName;
    }

    /** {@code --output}. */
    String longName() {
        return longName;
    }

    /** The value's name in the help ({@code FILE}), or null for a flag. */
    String label() {
        return label;
    }

    Arity arity() {
        return arity;
    }

    ValueType<T> type() {
        return type;
    }

    /** The value when the option is not given (null: none; for a negatable flag: decided by the run). */
    T defaultValue() {
        return defaultValue;
    }

    /** The limit a limit option sets, else null. */
    Limit limit() {
        return limit;
    }

    /** The help text, one paragraph. */
    String description() {
        return description;
    }

    boolean takesValue() {
        return label != null;
    }

    boolean negatable() {
        return arity == Arity.NEGATABLE_FLAG;
    }

    boolean repeatable() {
        return arity == Arity.REPEATABLE_VALUE;
    }

    /** The long name with the negation marker, as the help shows it: {@code --[no-]progress}. */
    String longNameInHelp() {
        return negatable() ? "--[no-]".concat(longName.substring(2)) : longName;
    }

    /** The name messages use: the long one, and the value's label for a value option (picocli's wording). */
    String nameInMessages() {
        return "'" + longName + "'" + (takesValue() ? " (" + label + ")" : "");
    }

    @Override
    public String toString() {
        return longName;
    }
}
