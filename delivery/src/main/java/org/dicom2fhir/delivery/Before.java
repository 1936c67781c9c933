package org.dicom2fhir.delivery;

/**
 * What the server held for a study before a delivery: the ImagingStudy's id and version, from
 * {@link FhirDeliveryClient#currentVersion(String)}. A delivery answered "200 OK" is {@code UNCHANGED} only when
 * the server returns this very version (a no-op update), {@code UPDATED} otherwise.
 *
 * @param id the ImagingStudy's logical id, or null when there was none
 * @param versionId its {@code meta.versionId}, or null
 */
public record Before(String id, String versionId) {
    private static final Before NONE = new Before(null, null);

    /** Nothing known (not asked, or the server held no such ImagingStudy). */
    public static Before none() {
        return NONE;
    }

    /** Whether the server held the study. */
    public boolean exists() {
        return id != null;
    }

    boolean sameAs(String otherId, String otherVersion) {
        return id != null && versionId != null && id.equals(otherId) && versionId.equals(otherVersion);
    }
}
