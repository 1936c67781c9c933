package org.dicom2fhir.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Every production class of every module, imported once per test JVM (the import takes seconds). */
final class ProductionClasses {
    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.dicom2fhir");

    private ProductionClasses() {
    }

    static JavaClasses all() {
        return ALL;
    }
}
