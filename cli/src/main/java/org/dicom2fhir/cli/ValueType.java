package org.dicom2fhir.cli;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.Limits;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.core.IdStrategy;
import org.dicom2fhir.core.TransactionPlan;

/**
 * What an option's value is, and how the text a user typed becomes it: parsed and checked here, once
 * per type, whatever option uses the type. Typed, so that a declaration such as
 * {@code value(..., ValueType.ZONE, ...)} gives an {@code OptionSpec<ZoneId>} and {@link Options#get}
 * needs no cast.
 *
 * <p>A switch over a kind instead of a lambda per type: linking lambdas costs a one-shot run
 * start-up time (benchmarks/README.md, "Where the time goes").
 *
 * @param <T> the value's Java type
 */
final class ValueType<T> {
    // int kinds, not an enum: a switch over an enum loads a synthetic class on every run
    private static final int BOOLEAN_KIND = 0;
    private static final int TEXT_KIND = 1;
    private static final int FORMAT_KIND = 2;
    private static final int ID_STRATEGY_KIND = 3;
    private static final int ZONE_KIND = 4;
    private static final int LIMIT_KIND = 5;
    private static final int MATCH_KIND = 6;
    private static final int PATIENT_MODE_KIND = 7;
    private static final int SECONDS_KIND = 8;
    private static final int COUNT_KIND = 9;

    /** Flags: {@code true}, {@code false}, or null when a negatable flag was not given. */
    static final ValueType<Boolean> BOOLEAN = new ValueType<>(BOOLEAN_KIND);
    /** Any text, as given. */
    static final ValueType<String> TEXT = new ValueType<>(TEXT_KIND);
    /** {@code json} or {@code xml}, any case. */
    static final ValueType<OutputFormat> FORMAT = new ValueType<>(FORMAT_KIND);
    /** {@code uid} or {@code random}, any case. */
    static final ValueType<IdStrategy> ID_STRATEGY = new ValueType<>(ID_STRATEGY_KIND);
    /** An IANA zone name, an offset such as {@code +01:00}, or {@code system}. */
    static final ValueType<ZoneId> ZONE = new ValueType<>(ZONE_KIND);
    /**
     * A positive whole number in the unit users write for the option's {@link Limit} (levels, MiB),
     * held in the limit's internal unit (levels, bytes).
     */
    static final ValueType<Long> LIMIT = new ValueType<>(LIMIT_KIND);

    /** {@code identifier} or {@code id}, any case ({@code --server-ids} refines identifier, see {@link DeliveryOptions}). */
    static final ValueType<TransactionPlan.Match> MATCH = new ValueType<>(MATCH_KIND);
    /** {@code contained}, {@code bundle} or {@code reference}, any case. */
    static final ValueType<TransactionPlan.PatientMode> PATIENT_MODE = new ValueType<>(PATIENT_MODE_KIND);
    /** A positive whole number of seconds. */
    static final ValueType<Integer> SECONDS = new ValueType<>(SECONDS_KIND);
    /** A positive whole number of anything else (requests per second): parsed as {@link #SECONDS}. */
    static final ValueType<Integer> POSITIVE = new ValueType<>(SECONDS_KIND);
    /** A whole number, 0 or more. */
    static final ValueType<Integer> COUNT = new ValueType<>(COUNT_KIND);

    private final int kind;

    private ValueType(int kind) {
        this.kind = kind;
    }

    /**
     * The value of {@code text} for {@code option}.
     *
     * @throws InvalidValueException with a clause saying why ("'x' is not a format: use json or xml")
     */
    @SuppressWarnings("unchecked")
    T parse(String text, OptionSpec<T> option) throws InvalidValueException {
        Object value = switch (kind) {
            case BOOLEAN_KIND -> bool(text);
            case TEXT_KIND -> text;
            case FORMAT_KIND -> format(text);
            case ID_STRATEGY_KIND -> idStrategy(text);
            case ZONE_KIND -> zone(text);
            case LIMIT_KIND -> limit(text, option.limit());
            case MATCH_KIND -> match(text);
            case PATIENT_MODE_KIND -> patientMode(text);
            case SECONDS_KIND -> positiveInt(text);
            case COUNT_KIND -> count(text);
            default -> throw new IllegalStateException("no parser for the value kind " + kind);
        };
        return (T) value;
    }

    /** picocli's rule for {@code --flag=value}: true, false, or empty for false. */
    static Boolean bool(String value) throws InvalidValueException {
        if (value.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (value.isEmpty() || value.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new InvalidValueException("'" + value + "' is not a boolean");
    }

    static OutputFormat format(String value) throws InvalidValueException {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "json" -> OutputFormat.JSON;
            case "xml" -> OutputFormat.XML;
            default -> throw new InvalidValueException("'" + value + "' is not a format: use json or xml");
        };
    }

    static IdStrategy idStrategy(String value) throws InvalidValueException {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "uid" -> IdStrategy.UID;
            case "random" -> IdStrategy.RANDOM;
            default -> throw new InvalidValueException("'" + value + "' is not an id strategy: use uid or random");
        };
    }

    static TransactionPlan.Match match(String value) throws InvalidValueException {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "identifier" -> TransactionPlan.Match.IDENTIFIER;
            case "id" -> TransactionPlan.Match.ID;
            default -> throw new InvalidValueException("'" + value + "' is not a match mode: use identifier or id");
        };
    }

    static TransactionPlan.PatientMode patientMode(String value) throws InvalidValueException {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "contained" -> TransactionPlan.PatientMode.CONTAINED;
            case "bundle" -> TransactionPlan.PatientMode.BUNDLE;
            case "reference" -> TransactionPlan.PatientMode.REFERENCE;
            default -> throw new InvalidValueException("'" + value
                    + "' is not a patient mode: use contained, bundle or reference");
        };
    }

    static ZoneId zone(String value) throws InvalidValueException {
        if (value.equalsIgnoreCase("system")) {
            return ZoneId.systemDefault();
        }
        try {
            if (value.startsWith("+") || value.startsWith("-")) {
                return ZoneOffset.of(value);
            }
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new InvalidValueException("'" + value + "' is not a time zone: use an IANA name such as "
                    + "Europe/Berlin, an offset such as +01:00, or 'system'");
        }
    }

    /** A positive whole number of the limit's user unit, in its internal unit; checked as {@link Limits} checks it. */
    static Long limit(String value, Limit limit) throws InvalidValueException {
        long internal = limit.unit().fromUser(positiveInt(value));
        try {
            Limits.defaults().with(limit, internal);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("'" + value + "' is out of range");
        }
        return internal;
    }

    static int positiveInt(String value) throws InvalidValueException {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidValueException("'" + value + "' is not a positive whole number");
    }

    static int count(String value) throws InvalidValueException {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidValueException("'" + value + "' is not a whole number (0 or more)");
    }

    /** A value the option does not accept; the message says why, as a clause. */
    static final class InvalidValueException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidValueException(String message) {
            super(message, null, false, false);
        }
    }
}
