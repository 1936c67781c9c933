package org.dicom2fhir.cli;

import org.dicom2fhir.api.BackendSelectionException;
import java.nio.file.Path;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.core.PatientIdSystems;
import org.dicom2fhir.core.InvalidOptionException;

/** The converter the options ask for: backends, mapping choices and limits. */
final class ConverterSetup {
    private ConverterSetup() {
    }

    /**
     * Builds the converter; its writer is started here, so that a library's slow set-up overlaps the
     * reading.
     *
     * @param loader where backends are discovered (the plug-in loader)
     * @throws UsageException an unknown backend, or a value the converter rejects (the endpoint URL)
     */
    static Converter build(Options options, ClassLoader loader) throws UsageException {
        Converter.Builder builder = Converter.builder()
                .classLoader(loader)
                .reader(options.get(CliOptions.READER))
                // requested even without a name (null: the rule), so that the writer starts now
                .writer(options.get(CliOptions.WRITER))
                .timezone(options.get(CliOptions.TIMEZONE))
                .idStrategy(options.get(CliOptions.ID))
                .endpoint(endpoint(options))
                .split(options.on(CliOptions.SPLIT))
                .limits(options.limits())
                .patientIdSystem(options.get(CliOptions.PATIENT_ID_SYSTEM));
        try {
            String issuerMap = options.get(CliOptions.ISSUER_MAP);
            if (issuerMap != null) {
                builder.issuerMap(PatientIdSystems.readIssuerMap(Path.of(issuerMap)));
            }
            return builder.build();
        } catch (BackendSelectionException | InvalidOptionException e) {
            throw new UsageException(Main.sentence(e.getMessage()));
        }
    }

    /** {@code --endpoint}, else the DICOMweb base the studies come from (where the images can be fetched), else none. */
    private static String endpoint(Options options) {
        if (options.given(CliOptions.ENDPOINT) || !DicomWebSetup.fromDicomWeb(options)) {
            return options.get(CliOptions.ENDPOINT);
        }
        return DicomWebSetup.base(options);
    }
}
