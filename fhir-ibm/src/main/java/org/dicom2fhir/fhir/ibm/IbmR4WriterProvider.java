package org.dicom2fhir.fhir.ibm;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.FhirWriterProvider;

/**
 * FHIR R4 on the IBM FHIR model ({@code com.ibm.fhir:fhir-model}). IBM logs through
 * java.util.logging; this module leaves its configuration to the application.
 */
public final class IbmR4WriterProvider implements FhirWriterProvider {
    public static final String NAME = "ibm";

    /** A name, not a class literal: selecting by type must not load the IBM model. */
    static final String NATIVE_RESOURCE_CLASS_NAME = "com.ibm.fhir.model.resource.ImagingStudy";

    /** Read as a resource, so that {@code --list-backends} loads none of IBM's classes. */
    private static final String POM_PROPERTIES = "META-INF/maven/com.ibm.fhir/fhir-model/pom.properties";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "IBM FHIR model " + modelVersion() + ", FHIR R4 (" + FhirRelease.R4.version() + ")";
    }

    @Override
    public FhirRelease release() {
        return FhirRelease.R4;
    }

    @Override
    public String nativeResourceClassName() {
        return NATIVE_RESOURCE_CLASS_NAME;
    }

    /** Returns at once; the first writer of the JVM starts the IBM model's warm-up ({@link WarmUp}). */
    @Override
    public FhirWriter create() {
        return new IbmR4Writer(WarmUp.start()::await);
    }

    private static String modelVersion() {
        try (InputStream in = IbmR4WriterProvider.class.getClassLoader().getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null && !version.isBlank()) {
                    return version.trim();
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // fall through: the description is informational
        }
        return "(version unknown)";
    }
}
