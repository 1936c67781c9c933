package org.dicom2fhir.it.jpa;

import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@link JpaFhirServer.Release#R4}: HAPI's JPA R4 beans (the R4 FhirContext, every resource DAO and provider,
 * the system DAO and provider) and the release-independent {@link JpaServerConfig}. An R5 server would have
 * a sibling importing HAPI's {@code JpaR5Config}.
 */
@Configuration
@Import({JpaR4Config.class, JpaServerConfig.class})
class JpaServerR4Config {
}
