/**
 * Test support shared by every module: a DICOM PS3.10 file writer ({@link org.dicom2fhir.testkit.DicomFileWriter}
 * with {@link org.dicom2fhir.testkit.DicomObject} and {@link org.dicom2fhir.testkit.DicomFileSpec}), character-set
 * encoding ({@link org.dicom2fhir.testkit.CharacterSets}), deterministic synthetic studies
 * ({@link org.dicom2fhir.testkit.StudyGenerator}), malformed-input files ({@link org.dicom2fhir.testkit.Fixtures}),
 * the committed sample ({@link org.dicom2fhir.testkit.SampleStudy}) and independent readers used as test oracles
 * ({@link org.dicom2fhir.testkit.Oracles}); backend contract tests in {@link org.dicom2fhir.testkit.contract}.
 * Depends on the api module only.
 */
package org.dicom2fhir.testkit;
