package org.dicom2fhir.core.internal.mapping;

import org.dicom2fhir.api.WarningCode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * The date rules of one mapping run: DA + TM + offset -> FHIR {@code dateTime}, invalid values omitted
 * with a warning, and the one NO_TIMEZONE warning when a time had to be dropped for want of an offset.
 */
final class Dates {
    private final ZoneId configuredZone;
    private final Warnings warnings;
    private boolean timeDropped;

    /** @param configuredZone the caller's zone, or null */
    Dates(ZoneId configuredZone, Warnings warnings) {
        this.configuredZone = configuredZone;
        this.warnings = warnings;
    }

    /**
     * A {@code started} value: the date with the time and an offset when all are known, the date alone when
     * the time is absent or invalid or no offset is known, null when the date is absent or invalid.
     *
     * @param where     e.g. {@code ""} or {@code " of series 1.2.3"}, for messages
     * @param element   the FHIR element, for messages
     * @param rawOffset asked only when a valid date and time exist
     */
    String started(String rawDate, Attr dateAttr, String rawTime, Attr timeAttr, Supplier<String> rawOffset,
            String where, String element) {
        if (Text.clean(rawDate) == null) {
            return null;
        }
        LocalDate date = DicomDates.parseDate(rawDate);
        if (date == null) {
            warnings.add(WarningCode.INVALID_DATE,
                    dateAttr.label() + where + " is not a valid date; " + element + " was omitted");
            return null;
        }
        if (Text.clean(rawTime) == null) {
            return DicomDates.formatDate(date);
        }
        LocalTime time = DicomDates.parseTime(rawTime);
        if (time == null) {
            warnings.add(WarningCode.INVALID_TIME,
                    timeAttr.label() + where + " is not a valid time; " + element + " holds the date alone");
            return DicomDates.formatDate(date);
        }
        ZoneOffset offset = offset(rawOffset.get(), where);
        if (offset == null && configuredZone != null) {
            offset = DicomDates.offsetIn(configuredZone, date, time);
        }
        if (offset == null) {
            noTimezone();
            return DicomDates.formatDate(date);
        }
        return DicomDates.formatDateTime(date, time, offset);
    }

    private ZoneOffset offset(String raw, String where) {
        if (Text.clean(raw) == null) {
            return null;
        }
        ZoneOffset offset = DicomDates.parseOffset(raw);
        if (offset == null) {
            warnings.add(WarningCode.INVALID_TIMEZONE_OFFSET,
                    Attr.TIMEZONE_OFFSET.label() + where + " is not a valid offset (+HHMM or -HHMM); it was ignored");
        }
        return offset;
    }

    private void noTimezone() {
        if (!timeDropped) {
            timeDropped = true;
            warnings.add(WarningCode.NO_TIMEZONE, "no " + Attr.TIMEZONE_OFFSET.label()
                    + " and no configured time zone: started holds the date alone; configure a time zone"
                    + " to keep the times");
        }
    }

    /** A FHIR {@code date} (birth date): null when absent, or invalid with a warning. */
    String date(String raw, Attr attr, String element) {
        if (Text.clean(raw) == null) {
            return null;
        }
        LocalDate date = DicomDates.parseDate(raw);
        if (date == null) {
            warnings.add(WarningCode.INVALID_DATE, attr.label() + " is not a valid date; " + element
                    + " was omitted");
            return null;
        }
        return DicomDates.formatDate(date);
    }
}
