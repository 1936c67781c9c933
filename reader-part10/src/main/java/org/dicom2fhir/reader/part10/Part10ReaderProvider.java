package org.dicom2fhir.reader.part10;

import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.api.spi.DicomReaderProvider;

/**
 * The built-in reader, {@value #NAME}: a pure-Java DICOM PS3.10 header parser with no dependency
 * beyond the api module.
 *
 * <p>It reads the File Meta Information and the data set up to, not including, Pixel Data, in every
 * transfer syntax: implicit and explicit VR little endian, explicit VR big endian, deflated explicit
 * VR little endian, and every encapsulated one (whose header is explicit VR little endian); files
 * without preamble or File Meta are recognised from their first element. Only the requested
 * top-level tags are materialised; the rest is skipped by length. Text is decoded with the Specific
 * Character Set, ISO 2022 code extensions included.
 *
 * <p>Outcomes:
 * <ul>
 *   <li>not DICOM (no {@code DICM} at byte 128 and no plausible group 0002/0008 element at the start,
 *       decided from the first bytes): {@link org.dicom2fhir.api.dicom.NotDicomException};</li>
 *   <li>damage in the preamble or File Meta group, or in the data set before any requested element
 *       was read: {@link org.dicom2fhir.api.dicom.DicomReadException} with reason {@code TRUNCATED},
 *       {@code LENGTH_EXCEEDS_FILE}, {@code MALFORMED} or {@code UNSUPPORTED_TRANSFER_SYNTAX}, and a
 *       message naming tag and byte offset, never a value;</li>
 *   <li>damage in the data set after at least one requested element was read: a result holding the
 *       elements completed before it (the damaged one is absent) whose
 *       {@link org.dicom2fhir.api.dicom.DicomReadResult#damage() damage()} gives the reason
 *       ({@code TRUNCATED}, {@code LENGTH_EXCEEDS_FILE}, {@code MALFORMED}), the element and the byte
 *       offset where reading stopped (never a warning); whether that is enough is the caller's decision
 *       (it knows which UIDs it needs), and throwing would lose what was read;</li>
 *   <li>the limits of {@link org.dicom2fhir.api.dicom.ReadOptions} always throw, whatever was read: a
 *       {@link org.dicom2fhir.api.dicom.LimitExceededException} naming the
 *       {@link org.dicom2fhir.api.Limit} ({@code MAX_NESTING_DEPTH}, {@code MAX_INFLATED_BYTES},
 *       {@code MAX_HEADER_BYTES}: counting the bytes loaded into memory; values skipped by length are
 *       not loaded);</li>
 *   <li>a plain {@link java.io.IOException} only when the file itself cannot be read. Nothing else
 *       escapes: an unexpected runtime exception becomes a {@code MALFORMED} failure.</li>
 * </ul>
 * Unknown character sets, bytes invalid in the declared one, invalid VRs, missing or contradicted
 * transfer syntaxes and misplaced delimiters are read leniently, with warnings.
 */
public final class Part10ReaderProvider implements DicomReaderProvider {
    /** The name users select this reader by. */
    public static final String NAME = DEFAULT_NAME;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "built-in pure-Java DICOM PS3.10 header reader";
    }

    /** A thread-safe reader; no option is read. */
    @Override
    public DicomReader create() {
        return new Part10Reader();
    }
}
