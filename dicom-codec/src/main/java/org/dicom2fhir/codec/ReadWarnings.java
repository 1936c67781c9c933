package org.dicom2fhir.codec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dicom2fhir.api.Warning;

/** The warnings of one read, for any reader: duplicates dropped, and bounded so that a hostile file cannot flood them. */
public final class ReadWarnings implements SpecificCharacterSet.WarningSink {
    public static final String TRUNCATED = "TRUNCATED";
    public static final String MALFORMED = "MALFORMED";
    public static final String CHARACTER_SET = SpecificCharacterSet.WARNING_CODE;
    public static final String INVALID_VR = "INVALID_VR";
    public static final String TRANSFER_SYNTAX = "TRANSFER_SYNTAX";

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

    public List<Warning> toList() {
        return list == null ? List.of() : list;
    }
}
