package org.dicom2fhir.core;

import java.util.List;
import org.dicom2fhir.api.model.StudyData;

/** The fake writer's native collection Bundle. */
public record FakeBundle(List<StudyData> studies) {
}
