package org.dicom2fhir.validator.hapi;

import ca.uhn.fhir.util.VersionUtil;
import java.util.Set;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirValidator;
import org.dicom2fhir.api.spi.FhirValidatorProvider;

/**
 * The HAPI FHIR instance validator, offline: base profiles of the release, in-memory terminology and
 * HAPI's common code systems, no terminology server.
 */
public final class HapiValidatorProvider implements FhirValidatorProvider {
    public static final String NAME = "hapi";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "HAPI FHIR " + VersionUtil.getVersion() + " instance validator, offline, base profiles "
                + Releases.supported();
    }

    @Override
    public Set<FhirRelease> releases() {
        return Releases.supported();
    }

    /**
     * Starts the set-up of the default release (R4) in the background; another release (R5) starts on
     * its first validation. See {@link HapiValidator}.
     */
    @Override
    public FhirValidator create() {
        HapiValidator validator = new HapiValidator();
        validator.startInBackground(FhirRelease.R4);
        return validator;
    }
}
