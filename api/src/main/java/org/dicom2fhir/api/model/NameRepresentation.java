package org.dicom2fhir.api.model;

/** Which DICOM PN component group a name came from; the non-alphabetic ones carry an extension code. */
public enum NameRepresentation {
    ALPHABETIC(null),
    IDEOGRAPHIC("IDE"),
    PHONETIC("SYL");

    private final String extensionCode;

    NameRepresentation(String extensionCode) {
        this.extensionCode = extensionCode;
    }

    /** The {@code valueCode} of the iso21090-EN-representation extension, or null for alphabetic. */
    public String extensionCode() {
        return extensionCode;
    }
}
