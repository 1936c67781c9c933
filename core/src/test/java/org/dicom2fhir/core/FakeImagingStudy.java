package org.dicom2fhir.core;

import org.dicom2fhir.api.model.StudyData;

/** The fake writer's native ImagingStudy. */
public record FakeImagingStudy(StudyData study) {
}
