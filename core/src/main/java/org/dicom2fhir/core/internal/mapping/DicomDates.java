package org.dicom2fhir.core.internal.mapping;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsing of DICOM DA, TM, DT and (0008,0201) values, and the one canonical FHIR rendering: seconds
 * always, a fraction only when non-zero (trailing zeros removed, at most 6 digits), {@code Z} for a zero
 * offset, else {@code +hh:mm}/{@code -hh:mm}. Parsers return null for an invalid value.
 */
final class DicomDates {
    private static final int MAX_FRACTION_DIGITS = 6;

    private static final Pattern DA = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern DA_LEGACY = Pattern.compile("(\\d{4})\\.(\\d{2})\\.(\\d{2})");
    private static final Pattern TM = Pattern.compile("(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:\\.(\\d+))?)?)?");
    private static final Pattern TM_LEGACY = Pattern.compile("(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d+))?)?");
    private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{2})(\\d{2})");
    private static final Pattern DT = Pattern.compile(
            "(\\d{4})(?:(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:\\.(\\d+))?)?)?)?)?)?([+-]\\d{4})?");

    private DicomDates() {
    }

    /** A DA value ({@code YYYYMMDD} or the legacy {@code YYYY.MM.DD}), or null when invalid. */
    static LocalDate parseDate(String raw) {
        String value = Text.clean(raw);
        if (value == null) {
            return null;
        }
        if (value.length() == 8 && digits(value, 0, 8)) {
            // YYYYMMDD, nearly every value: no matcher
            return date(number(value, 0, 4), number(value, 4, 6), number(value, 6, 8));
        }
        return matchedDate(value);
    }

    /** {@link #parseDate} of a cleaned value through the patterns alone (the fast path's reference in the tests). */
    static LocalDate matchedDate(String value) {
        Matcher m = DA.matcher(value);
        if (!m.matches()) {
            m = DA_LEGACY.matcher(value);
            if (!m.matches()) {
                return null;
            }
        }
        return date(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    /** Whether the characters from {@code from} to {@code to} are all ASCII digits (what {@code \\d} matches). */
    private static boolean digits(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String value, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + value.charAt(i) - '0';
        }
        return n;
    }

    private static LocalDate date(int year, int month, int day) {
        if (year < 1) {
            return null; // FHIR has no year 0000
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * A TM value ({@code HH[MM[SS[.F]]]} or the legacy {@code HH:MM[:SS[.F]]}), missing parts zero-filled,
     * fraction digits beyond the sixth dropped; null when invalid (hour > 23, minute > 59, second > 59).
     */
    static LocalTime parseTime(String raw) {
        String value = Text.clean(raw);
        if (value == null) {
            return null;
        }
        int n = value.length();
        if ((n == 2 || n == 4 || n == 6) && digits(value, 0, n)) {
            // HH, HHMM, HHMMSS: no matcher
            return time(value.substring(0, 2), n >= 4 ? value.substring(2, 4) : null,
                    n == 6 ? value.substring(4, 6) : null, null);
        }
        if (n > 7 && value.charAt(6) == '.' && digits(value, 0, 6) && digits(value, 7, n)) {
            // HHMMSS.F+
            return time(value.substring(0, 2), value.substring(2, 4), value.substring(4, 6), value.substring(7));
        }
        return matchedTime(value);
    }

    /** {@link #parseTime} of a cleaned value through the patterns alone (the fast path's reference in the tests). */
    static LocalTime matchedTime(String value) {
        Matcher m = TM.matcher(value);
        if (!m.matches()) {
            m = TM_LEGACY.matcher(value);
            if (!m.matches()) {
                return null;
            }
        }
        return time(m.group(1), m.group(2), m.group(3), m.group(4));
    }

    private static LocalTime time(String hours, String minutes, String seconds, String fraction) {
        int h = Integer.parseInt(hours);
        int min = minutes == null ? 0 : Integer.parseInt(minutes);
        int s = seconds == null ? 0 : Integer.parseInt(seconds);
        if (h > 23 || min > 59 || s > 59) {
            return null;
        }
        int micros = 0;
        if (fraction != null) {
            String digits = fraction.length() > MAX_FRACTION_DIGITS ? fraction.substring(0, MAX_FRACTION_DIGITS)
                    : fraction;
            micros = Integer.parseInt((digits + "000000").substring(0, MAX_FRACTION_DIGITS));
        }
        return LocalTime.of(h, min, s, micros * 1000);
    }

    /** A (0008,0201) value {@code +HHMM}/{@code -HHMM}, or null when invalid. */
    static ZoneOffset parseOffset(String raw) {
        String value = Text.clean(raw);
        if (value == null) {
            return null;
        }
        Matcher m = OFFSET.matcher(value);
        if (!m.matches()) {
            return null;
        }
        int hours = Integer.parseInt(m.group(2));
        int minutes = Integer.parseInt(m.group(3));
        if (hours > 18 || minutes > 59) {
            return null;
        }
        int sign = "-".equals(m.group(1)) ? -1 : 1;
        try {
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        } catch (DateTimeException e) {
            return null; // beyond +-18:00
        }
    }

    /**
     * The offset of a zone at a local date-time, by the zone's rules: in an overlap (clocks turned back)
     * the earlier offset, in a gap (clocks turned forward) the offset before the transition.
     */
    static ZoneOffset offsetIn(ZoneId zone, LocalDate date, LocalTime time) {
        return zone.getRules().getOffset(LocalDateTime.of(date, time));
    }

    /** FHIR {@code date}: {@code YYYY-MM-DD}. */
    static String formatDate(LocalDate date) {
        return appendDate(new StringBuilder(10), date).toString();
    }

    /** FHIR {@code dateTime} with a time, in the canonical rendering. */
    static String formatDateTime(LocalDate date, LocalTime time, ZoneOffset offset) {
        StringBuilder sb = appendDate(new StringBuilder(32), date).append('T');
        pad(sb, time.getHour(), 2).append(':');
        pad(sb, time.getMinute(), 2).append(':');
        pad(sb, time.getSecond(), 2);
        int micros = time.getNano() / 1000;
        if (micros != 0) {
            int digits = 6;
            while (micros % 10 == 0) {
                micros /= 10;
                digits--;
            }
            pad(sb.append('.'), micros, digits);
        }
        return appendOffset(sb, offset).toString();
    }

    /** {@code Z} for zero, else {@code +hh:mm}/{@code -hh:mm} (seconds of historic offsets are dropped). */
    static String formatOffset(ZoneOffset offset) {
        return appendOffset(new StringBuilder(6), offset).toString();
    }

    private static StringBuilder appendOffset(StringBuilder sb, ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        if (total == 0) {
            return sb.append('Z');
        }
        int abs = Math.abs(total);
        sb.append(total < 0 ? '-' : '+');
        return pad(pad(sb, abs / 3600, 2).append(':'), (abs / 60) % 60, 2);
    }

    private static StringBuilder appendDate(StringBuilder sb, LocalDate date) {
        pad(sb, date.getYear(), 4).append('-');
        pad(sb, date.getMonthValue(), 2).append('-');
        return pad(sb, date.getDayOfMonth(), 2);
    }

    /**
     * {@code value} with leading zeros to {@code width} digits, as {@code %0<width>d} renders it (String.format was a
     * tenth of the mapping's CPU for single-instance studies).
     */
    static StringBuilder pad(StringBuilder sb, int value, int width) {
        if (value < 0) {
            return sb.append(String.format(Locale.ROOT, "%0" + width + "d", value));
        }
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits);
    }

    /**
     * A DT value {@code YYYY[MM[DD[HH[MM[SS[.F]]]]]][&ZZXX]}; null when invalid.
     *
     * @param year     always present
     * @param month    null when the value stops at the year
     * @param day      null when the value stops at the month
     * @param time     null when the value has no hour
     * @param offset   the value's own offset, or null
     */
    record DateTime(int year, Integer month, Integer day, LocalTime time, ZoneOffset offset) {
        /**
         * The FHIR {@code dateTime}: the given precision, and the time only when an offset is known (the
         * value's own, else {@code fallback}); otherwise the date alone.
         */
        String render(ZoneOffset fallback) {
            if (month == null) {
                return pad(new StringBuilder(4), year, 4).toString();
            }
            if (day == null) {
                return pad(pad(new StringBuilder(7), year, 4).append('-'), month, 2).toString();
            }
            LocalDate date = LocalDate.of(year, month, day);
            ZoneOffset known = offset != null ? offset : fallback;
            return time == null || known == null ? formatDate(date) : formatDateTime(date, time, known);
        }
    }

    static DateTime parseDateTime(String raw) {
        String value = Text.clean(raw);
        if (value == null) {
            return null;
        }
        Matcher m = DT.matcher(value);
        if (!m.matches()) {
            return null;
        }
        int year = Integer.parseInt(m.group(1));
        if (year < 1) {
            return null;
        }
        Integer month = m.group(2) == null ? null : Integer.parseInt(m.group(2));
        Integer day = m.group(3) == null ? null : Integer.parseInt(m.group(3));
        if (month != null && (month < 1 || month > 12)) {
            return null;
        }
        if (day != null && date(year, month, day) == null) {
            return null;
        }
        LocalTime time = null;
        if (m.group(4) != null) {
            time = time(m.group(4), m.group(5), m.group(6), m.group(7));
            if (time == null) {
                return null;
            }
        }
        ZoneOffset offset = null;
        if (m.group(8) != null) {
            offset = parseOffset(m.group(8));
            if (offset == null) {
                return null;
            }
        }
        return new DateTime(year, month, day, time, offset);
    }
}
