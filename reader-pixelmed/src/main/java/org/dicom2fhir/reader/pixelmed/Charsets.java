package org.dicom2fhir.reader.pixelmed;

import java.util.List;
import java.util.Set;

/**
 * Which Specific Character Sets PixelMed 20220618 decodes as part10 and pydicom do. For the others
 * this reader decodes the text itself ({@link org.dicom2fhir.codec.internal.SpecificCharacterSet}); each defect is
 * pinned by a test (PixelmedDeviationsTest), so that a PixelMed that fixes one shows:
 * <ul>
 *   <li>ISO_IR 203 / ISO 2022 IR 203 (Latin-9) are unknown to PixelMed, which reads them as Latin-1;</li>
 *   <li>ISO 2022 IR 149 (Korean) decodes everything after the escape with Cp949, where byte 0x5C is
 *       the won sign: multi-valued text is not split and every backslash becomes U+20A9;</li>
 *   <li>ISO 2022 IR 58 (Chinese): a re-designation after a person name component delimiter leaks
 *       its escape sequence into the text;</li>
 *   <li>unknown or misspelled terms: PixelMed falls back to ASCII without a word; the documented
 *       fallback (ISO_IR 100, with a warning) and part10's tolerance of spelling are this reader's.</li>
 * </ul>
 */
final class Charsets {
    private static final Set<String> PIXELMED_DECODES = Set.of("", "ISO_IR 100", "ISO_IR 101", "ISO_IR 109", "ISO_IR 110",
            "ISO_IR 144", "ISO_IR 127", "ISO_IR 126", "ISO_IR 138", "ISO_IR 148", "ISO_IR 166", "ISO_IR 13", "ISO_IR 192",
            "GB18030", "GBK", "ISO 2022 IR 6", "ISO 2022 IR 100", "ISO 2022 IR 101", "ISO 2022 IR 109", "ISO 2022 IR 110",
            "ISO 2022 IR 144", "ISO 2022 IR 127", "ISO 2022 IR 126", "ISO 2022 IR 138", "ISO 2022 IR 148",
            "ISO 2022 IR 166", "ISO 2022 IR 13", "ISO 2022 IR 87", "ISO 2022 IR 159");

    private Charsets() {
    }

    /** Whether PixelMed decodes text under these (0008,0005) values correctly. */
    static boolean pixelmedDecodes(List<String> values) {
        return PIXELMED_DECODES.containsAll(values);
    }
}
