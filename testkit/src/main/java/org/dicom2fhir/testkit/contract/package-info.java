/**
 * Backend contract tests: abstract JUnit classes every backend module extends in a few lines
 * ({@link org.dicom2fhir.testkit.contract.FhirWriterContract} for writers,
 * {@link org.dicom2fhir.testkit.contract.DicomReaderContract} for readers), the neutral studies the
 * writer contract writes ({@link org.dicom2fhir.testkit.contract.NeutralStudies}) with their goldens per
 * FHIR release (resources under {@code golden/r4} and {@code golden/r5}), and JSON tree comparison
 * ({@link org.dicom2fhir.testkit.contract.JsonTrees}). Depends on the api module, JUnit, AssertJ and
 * Jackson only.
 */
package org.dicom2fhir.testkit.contract;
