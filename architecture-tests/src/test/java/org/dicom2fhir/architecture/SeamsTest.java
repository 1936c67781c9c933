package org.dicom2fhir.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ServiceLoader;
import org.dicom2fhir.api.spi.BackendProvider;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.FhirWriterProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seams that sources, sinks and engines will be added on: how backends are found, what a batch
 * engine may rely on, and what third parties see.
 */
class SeamsTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = ProductionClasses.all();
    }

    /** One selection rule: nobody but core's catalogue (and the contract kits, which test discovery) loads providers. */
    @Test
    void onlyCoresCatalogueLoadsProviders() {
        noClasses().that().resideOutsideOfPackages("org.dicom2fhir.core.internal.pipeline..", "org.dicom2fhir.testkit.contract..")
                .should().dependOnClassesThat().areAssignableTo(ServiceLoader.class)
                .check(production);
    }

    /** Reading and mapping (what a Spark task runs) never touch a FHIR writer. */
    @Test
    void readingAndMappingNeedNoWriter() {
        noClasses().that().resideInAnyPackage("org.dicom2fhir.core.internal.mapping..")
                .or().haveFullyQualifiedName("org.dicom2fhir.core.internal.pipeline.FileReading")
                .or().haveFullyQualifiedName("org.dicom2fhir.core.internal.pipeline.FolderScanner")
                .or().haveFullyQualifiedName("org.dicom2fhir.core.InstanceFacts")
                .or().haveFullyQualifiedName("org.dicom2fhir.core.FileOutcome")
                .or().haveFullyQualifiedName("org.dicom2fhir.core.StudyGrouping")
                .should().dependOnClassesThat().areAssignableTo(FhirWriter.class)
                .orShould().dependOnClassesThat().areAssignableTo(FhirWriterProvider.class)
                .check(production);
    }

    /**
     * The values readers, core and writers exchange are immutable: every field of the api's value packages
     * is final (the spi package also holds the writers' stream plumbing, which is stateful by nature).
     */
    @Test
    void apiValuesAreImmutable() {
        fields().that().areDeclaredInClassesThat()
                .resideInAnyPackage("org.dicom2fhir.api", "org.dicom2fhir.api.dicom..", "org.dicom2fhir.api.model..")
                .or().areDeclaredInClassesThat().areRecords()
                .should().beFinal()
                .check(production);
    }

    /** State is reached through methods: no class outside an {@code internal} package exposes an instance field. */
    @Test
    void noPublicInstanceFieldsOutsideInternalPackages() {
        noFields().that().areDeclaredInClassesThat().resideInAPackage("org.dicom2fhir..")
                .and().areDeclaredInClassesThat().resideOutsideOfPackage("..internal..")
                .and().areNotStatic()
                .should().bePublic()
                .check(production);
    }

    /** What ServiceLoader needs of a provider, and what keeps one from being subclassed into another backend. */
    @Test
    void providersArePublicFinalAndInstantiableByTheServiceLoader() {
        classes().that().implement(BackendProvider.class).and().areNotInterfaces()
                .and().doNotHaveModifier(JavaModifier.ABSTRACT)
                .should().bePublic().andShould().haveModifier(JavaModifier.FINAL)
                .andShould(new ArchCondition<JavaClass>("have a public no-argument constructor") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        boolean ok = c.getConstructors().stream().anyMatch(k -> k.getModifiers()
                                .contains(JavaModifier.PUBLIC) && k.getRawParameterTypes().isEmpty());
                        if (!ok) {
                            events.add(SimpleConditionEvent.violated(c, c.getName() + " has no public no-argument constructor"));
                        }
                    }
                })
                .check(production);
    }
}
