package org.dicom2fhir.spark;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.batch.PatientIds;
import org.dicom2fhir.core.Converter;

/**
 * What shapes the output, shipped to every task: the backends by name and the mapping options. Executors build
 * their converters from it (a reader per partition, the writer once per JVM).
 *
 * @param idKey the Patient id key with {@code --patient bundle}, else null (it travels with the tasks: secure the
 *              cluster's RPC as for any secret the job is given)
 */
record JobSettings(String reader, String writer, String timezone, String endpoint, String patientIdSystem,
        byte[] idKey) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The writers of this JVM, one per writer name: one FHIR context per executor, created on first use. */
    private static final ConcurrentHashMap<String, Converter> WRITERS = new ConcurrentHashMap<>();

    JobSettings {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(writer, "writer");
        idKey = idKey == null ? null : idKey.clone();
    }

    boolean patientsOfTheirOwn() {
        return idKey != null;
    }

    PatientIds patientIds() {
        return PatientIds.withKey(idKey);
    }

    /** A converter for reading and mapping: its writer is never started. */
    Converter converter() {
        Converter.Builder builder = Converter.builder().classLoader(loader()).reader(reader);
        if (timezone != null) {
            builder.timezone(ZoneId.of(timezone));
        }
        if (endpoint != null) {
            builder.endpoint(endpoint);
        }
        if (patientIdSystem != null) {
            builder.patientIdSystem(patientIdSystem);
        }
        return builder.build();
    }

    /** The writer of this JVM (started on first use; shared by its tasks, writers are thread-safe). */
    FhirWriter fhirWriter() {
        return WRITERS.computeIfAbsent(writer, name -> Converter.builder().classLoader(loader()).reader(reader)
                .writer(name).build()).writer();
    }

    /** The task's class loader: on an executor it holds the job jar, whose services name our backends. */
    private static ClassLoader loader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : JobSettings.class.getClassLoader();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobSettings s && reader.equals(s.reader) && writer.equals(s.writer)
                && Objects.equals(timezone, s.timezone) && Objects.equals(endpoint, s.endpoint)
                && Objects.equals(patientIdSystem, s.patientIdSystem) && Arrays.equals(idKey, s.idKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reader, writer, timezone, endpoint, patientIdSystem, Arrays.hashCode(idKey));
    }

    @Override
    public String toString() {
        return "JobSettings[reader=" + reader + ", writer=" + writer + ", key " + (idKey == null ? "none" : "redacted")
                + "]";
    }
}
