package org.dicom2fhir.codec.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.WarningCode;

/** The warnings of one read, for any reader: duplicates dropped, and bounded so that a hostile file cannot flood them. */
public final class ReadWarnings implements SpecificCharacterSet.WarningSink {
    public static final WarningCode MALFORMED = WarningCode.MALFORMED;
    public static final WarningCode CHARACTER_SET = SpecificCharacterSet.WARNING_CODE;
    public static final WarningCode INVALID_VR = WarningCode.INVALID_VR;
    public static final WarningCode TRANSFER_SYNTAX = WarningCode.TRANSFER_SYNTAX;

    private static final int MAX = 50;

    private List<Warning> list; // created on the first warning: most files have none
    private Set<Warning> seen; // records hash their (mostly constant, hash-cached) strings: no concatenation per add
    private boolean overflowed;
    private int added;

    @Override
    public void add(WarningCode code, String message) {
        added++;
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
            list.add(new Warning(WarningCode.TOO_MANY_WARNINGS, "More than " + MAX + " warnings for this file; the rest were dropped."));
        }
    }

    /** How many warnings were given so far, repeats and those beyond the limit included. */
    public int added() {
        return added;
    }

    public List<Warning> toList() {
        return list == null ? List.of() : list;
    }
}
