package org.dicom2fhir.reader.part10;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.codec.SpecificCharacterSet;

/** The warnings of one read: duplicates dropped, and bounded so that a hostile file cannot flood them. */
final class Warnings implements SpecificCharacterSet.WarningSink {
    static final String TRUNCATED = "TRUNCATED";
    static final String MALFORMED = "MALFORMED";
    static final String CHARACTER_SET = SpecificCharacterSet.WARNING_CODE;
    static final String INVALID_VR = "INVALID_VR";
    static final String TRANSFER_SYNTAX = "TRANSFER_SYNTAX";

    private static final int MAX = 50;

    private List<Warning> list; // created on the first warning: most files have none
    private Set<Warning> seen; // records hash their (mostly constant, hash-cached) strings: no concatenation per add
    private boolean overflowed;

    @Override
    public void add(String code, String message) {
        if (list == null) {
            list = new ArrayList<>(4);
            seen = new HashSet<>();
        }
        if (!seen.add(new Warning(code, message))) {
            return;
        }
        if (list.size() < MAX) {
            list.add(new Warning(code, message));
        } else if (!overflowed) {
            overflowed = true;
            list.add(new Warning(MALFORMED, "More than " + MAX + " warnings for this file; the rest were dropped."));
        }
    }

    List<Warning> toList() {
        return list == null ? List.of() : list;
    }
}
