package org.dicom2fhir.core.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DicomDatesTest {

    @ParameterizedTest
    @CsvSource({
        "20200131, 2020-01-31",
        "2020.01.31, 2020-01-31",
        "' 20240229 ', 2024-02-29",
        "00010101, 0001-01-01",
        "99991231, 9999-12-31"})
    void validDates(String da, String fhir) {
        assertThat(DicomDates.formatDate(DicomDates.parseDate(da))).isEqualTo(fhir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"20200230", "2020-13-01", "2020-01-01", "20201301", "20200100", "00000101", "2020011",
        "202001011", "2020/01/01", "20230229", "2020.1.1", "abcdefgh", "20200101-20200201", "２０２００１０１"})
    void invalidDates(String da) {
        assertThat(DicomDates.parseDate(da)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "12, 12:00",
        "1230, 12:30",
        "123045, 12:30:45",
        "123045.1, 12:30:45.100",
        "123045.123456, 12:30:45.123456",
        "123045.1234567, 12:30:45.123456",
        "12:30:00, 12:30",
        "12:30, 12:30",
        "12:30:45.5, 12:30:45.500",
        "000000, 00:00",
        "235959.999999, 23:59:59.999999"})
    void validTimes(String tm, String expected) {
        assertThat(DicomDates.parseTime(tm)).isEqualTo(LocalTime.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2561", "2400", "1260", "123060", "1", "123", "12345", "123045.", "12.5", "12:3",
        "12-30", "ab", "1230451", "123045,5"})
    void invalidTimes(String tm) {
        assertThat(DicomDates.parseTime(tm)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"+0000, Z", "-0000, Z", "+0100, +01:00", "-0500, -05:00", "+0530, +05:30", "-0930, -09:30",
        "+1400, +14:00", "' +0200 ', +02:00"})
    void validOffsets(String raw, String rendered) {
        assertThat(DicomDates.formatOffset(DicomDates.parseOffset(raw))).isEqualTo(rendered);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0100", "+100", "+01:00", "+0160", "+1900", "UTC", "+01000", "Z"})
    void invalidOffsets(String raw) {
        assertThat(DicomDates.parseOffset(raw)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "101112, +0000, 2020-01-02T10:11:12Z",
        "101112.120000, +0000, 2020-01-02T10:11:12.12Z",
        "101112.000000, +0100, 2020-01-02T10:11:12+01:00",
        "101112.0, -0330, 2020-01-02T10:11:12-03:30",
        "101112.000001, -0800, 2020-01-02T10:11:12.000001-08:00",
        "101112.5, +0545, 2020-01-02T10:11:12.5+05:45",
        "10, +0000, 2020-01-02T10:00:00Z"})
    void canonicalRendering(String tm, String offset, String expected) {
        assertThat(DicomDates.formatDateTime(LocalDate.of(2020, 1, 2), DicomDates.parseTime(tm),
                DicomDates.parseOffset(offset))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        // winter and summer time
        "Europe/Berlin, 2021-01-15, 10:00, +01:00",
        "Europe/Berlin, 2021-07-15, 10:00, +02:00",
        // in the spring gap the offset before the transition, in the autumn overlap the earlier one
        "Europe/Berlin, 2021-03-28, 02:30, +01:00",
        "Europe/Berlin, 2021-10-31, 02:30, +02:00",
        "America/New_York, 2021-07-04, 12:00, -04:00",
        "America/New_York, 2021-12-25, 12:00, -05:00",
        "UTC, 2021-07-04, 12:00, Z",
        "Asia/Kolkata, 2021-07-04, 12:00, +05:30"})
    void configuredZoneResolvesTheOffsetOfThatLocalDateTime(String zone, String date, String time, String offset) {
        ZoneOffset resolved = DicomDates.offsetIn(ZoneId.of(zone), LocalDate.parse(date), LocalTime.parse(time));
        assertThat(DicomDates.formatOffset(resolved)).isEqualTo(offset);
    }

    @Test
    void historicOffsetWithSecondsIsRenderedInHoursAndMinutes() {
        ZoneOffset lmt = ZoneOffset.ofHoursMinutesSeconds(0, 19, 32);
        assertThat(DicomDates.formatOffset(lmt)).isEqualTo("+00:19");
    }

    @ParameterizedTest
    @CsvSource({
        "2020, , 2020",
        "202001, , 2020-01",
        "20200102, , 2020-01-02",
        "2020010210, +0000, 2020-01-02T10:00:00Z",
        "20200102101112.5, +0100, 2020-01-02T10:11:12.5+01:00",
        "20200102101112-0500, +0100, 2020-01-02T10:11:12-05:00",
        "20200102101112, , 2020-01-02"})
    void dateTimes(String dt, String fallbackOffset, String expected) {
        ZoneOffset fallback = fallbackOffset == null ? null : DicomDates.parseOffset(fallbackOffset);
        assertThat(DicomDates.parseDateTime(dt).render(fallback)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2020013", "202013", "20200230", "2020010225", "202001021060", "20200102101112+2500",
        "0000", "2020-01-02", "20200102T1011"})
    void invalidDateTimes(String dt) {
        assertThat(DicomDates.parseDateTime(dt)).isNull();
    }

    /** The hand-written rendering against the String.format patterns it replaced, on seeded values. */
    @Test
    void renderingMatchesTheFormatPatternsItReplaced() {
        java.util.Random random = new java.util.Random(20261206L);
        for (int i = 0; i < 20_000; i++) {
            LocalDate date = LocalDate.of(random.nextInt(10_000), 1 + random.nextInt(12), 1 + random.nextInt(28));
            LocalTime time = LocalTime.of(random.nextInt(24), random.nextInt(60), random.nextInt(60),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000) * 1000);
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(28 * 4 + 1) - 12 * 4) * 15 * 60);
            String expectedDate = String.format(java.util.Locale.ROOT, "%04d-%02d-%02d", date.getYear(),
                    date.getMonthValue(), date.getDayOfMonth());
            int abs = Math.abs(offset.getTotalSeconds());
            String expectedOffset = offset.getTotalSeconds() == 0 ? "Z" : String.format(java.util.Locale.ROOT,
                    "%s%02d:%02d", offset.getTotalSeconds() < 0 ? "-" : "+", abs / 3600, (abs / 60) % 60);
            String fraction = String.format(java.util.Locale.ROOT, "%06d", time.getNano() / 1000).replaceAll("0+$", "");
            String expected = expectedDate + "T" + String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", time.getHour(),
                    time.getMinute(), time.getSecond()) + (fraction.isEmpty() ? "" : "." + fraction) + expectedOffset;
            assertThat(DicomDates.formatDate(date)).isEqualTo(expectedDate);
            assertThat(DicomDates.formatOffset(offset)).isEqualTo(expectedOffset);
            assertThat(DicomDates.formatDateTime(date, time, offset)).isEqualTo(expected);
        }
        assertThat(DicomDates.pad(new StringBuilder(), -5, 4).toString()).isEqualTo("-005");
    }

    /** The digit-only fast paths of parseDate and parseTime against the patterns alone, on seeded strings. */
    @Test
    void fastPathsParseAsThePatternsDo() {
        java.util.Random random = new java.util.Random(61206L);
        String alphabet = "0123456789012345678901234567890123456789.:+- x";
        for (int i = 0; i < 200_000; i++) {
            int length = random.nextInt(15);
            StringBuilder sb = new StringBuilder(length);
            for (int k = 0; k < length; k++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String raw = sb.toString();
            String cleaned = Text.clean(raw);
            assertThat(DicomDates.parseDate(raw)).as(raw).isEqualTo(cleaned == null ? null : DicomDates.matchedDate(cleaned));
            assertThat(DicomDates.parseTime(raw)).as(raw).isEqualTo(cleaned == null ? null : DicomDates.matchedTime(cleaned));
        }
        assertThat(DicomDates.parseDate("20240229")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(DicomDates.parseTime("070809.123456789")).isEqualTo(LocalTime.of(7, 8, 9, 123_456_000));
    }
}
