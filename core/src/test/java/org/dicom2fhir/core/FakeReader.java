package org.dicom2fhir.core;

import org.dicom2fhir.api.WarningCode;
import org.dicom2fhir.api.dicom.Vr;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.dicom.DicomDataSet;
import org.dicom2fhir.api.dicom.DicomElement;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.NotDicomException;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.spi.DicomReader;

/**
 * A reader of tiny text files standing in for DICOM files:
 * <pre>
 * study=1.2.3
 * series=1.2.3.1
 * sop=1.2.3.1.1
 * </pre>
 * Optional keys: {@code sopclass}, {@code modality}, {@code number}, {@code date}, {@code time},
 * {@code warn} (a warning code), {@code delayMillis} (max random delay), and {@code throw} with one of
 * {@code NOT_DICOM}, a failed {@link ReasonCode} name, {@code DICOMDIR}, {@code IO}, {@code DENIED}, {@code RUNTIME},
 * {@code STACK_OVERFLOW}, {@code ERROR}, {@code NULL}. A file that starts with no key is not DICOM.
 */
public final class FakeReader implements DicomReader {
    /** Appears in the messages of exceptions the fake throws: it must never reach a report. */
    public static final String SECRET = "DOE^JANE";

    public final AtomicInteger reads = new AtomicInteger();
    public final ConcurrentLinkedQueue<ReadOptions> optionsSeen = new ConcurrentLinkedQueue<>();

    public static String instance(String study, String series, String sop) {
        return "study=" + study + "\nseries=" + series + "\nsop=" + sop + "\n";
    }

    @Override
    public DicomReadResult read(Path file, ReadOptions options) throws IOException {
        reads.incrementAndGet();
        optionsSeen.add(options);
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Override
    public DicomReadResult read(InputStream in, ReadOptions options) throws IOException {
        reads.incrementAndGet();
        optionsSeen.add(options);
        return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    private static DicomReadResult parse(String text) throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[a-zA-Z]+")) {
                keys.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        if (keys.isEmpty()) {
            throw new NotDicomException("no DICOM preamble or data set");
        }
        if (keys.containsKey("delayMillis")) {
            sleep(ThreadLocalRandom.current().nextInt(Integer.parseInt(keys.get("delayMillis")) + 1));
        }
        String toThrow = keys.get("throw");
        if (toThrow != null) {
            switch (toThrow) {
                case "NOT_DICOM" -> throw new NotDicomException("no DICOM preamble or data set");
                case "IO" -> throw new IOException("disk error reading /home/" + SECRET + "/study/file");
                case "DENIED" -> throw new java.nio.file.AccessDeniedException("/home/" + SECRET + "/study/file");
                case "RUNTIME" -> throw new IllegalStateException("library choked on " + SECRET);
                case "STACK_OVERFLOW" -> throw new StackOverflowError();
                case "ERROR" -> throw new AssertionError("library assertion about " + SECRET);
                case "NULL" -> {
                    return null;
                }
                default -> {
                    ReasonCode reason = ReasonCode.valueOf(toThrow);
                    throw new DicomReadException(reason, "file ends inside (0010,0010) at byte 912", 0x00100010, 912);
                }
            }
        }
        List<DicomElement> elements = new ArrayList<>();
        add(elements, Tags.STUDY_INSTANCE_UID, "UI", keys.get("study"));
        add(elements, Tags.SERIES_INSTANCE_UID, "UI", keys.get("series"));
        add(elements, Tags.SOP_INSTANCE_UID, "UI", keys.get("sop"));
        add(elements, Tags.SOP_CLASS_UID, "UI", keys.getOrDefault("sopclass", "1.2.840.10008.5.1.4.1.1.2"));
        add(elements, Tags.MODALITY, "CS", keys.getOrDefault("modality", "CT"));
        add(elements, Tags.INSTANCE_NUMBER, "IS", keys.get("number"));
        add(elements, Tags.STUDY_DATE, "DA", keys.get("date"));
        add(elements, Tags.STUDY_TIME, "TM", keys.get("time"));
        List<Warning> warnings = keys.containsKey("warn")
                ? List.of(new Warning(WarningCode.valueOf(keys.get("warn")), "fake reader warning")) : List.of();
        return new DicomReadResult("1.2.840.10008.1.2.1", DicomDataSet.empty(), DicomDataSet.of(elements), warnings);
    }

    private static void add(List<DicomElement> elements, int tag, String vr, String value) {
        Vr type = Vr.of(vr);
        if (value != null && !value.equals("-")) {
            elements.add(DicomElement.ofStrings(tag, type, List.of(value)));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
