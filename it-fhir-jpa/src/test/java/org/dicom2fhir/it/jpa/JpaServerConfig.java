package org.dicom2fhir.it.jpa;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.binary.api.IBinaryStorageSvc;
import ca.uhn.fhir.jpa.binstore.MemoryBinaryStorageSvcImpl;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import jakarta.persistence.EntityManagerFactory;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * The Spring configuration of {@link JpaFhirServer}: what HAPI FHIR's JPA configuration leaves to the
 * application (data source, entity manager factory, transaction manager, storage and partition settings,
 * the RESTful server), written for tests, whatever the FHIR release. The release's configuration
 * ({@link JpaServerR4Config}; an R5 one would import HAPI's {@code JpaR5Config}) imports this one; HAPI's
 * release-independent JPA beans come from {@code HapiJpaConfig}; batch2 ({@code JpaBatch2Config}, {@code Batch2JobsConfig}) is imported because
 * HAPI's JPA configuration needs its job coordinator and bulk export provider, and with it
 * {@code SubscriptionChannelConfig}, whose in-memory message broker batch2 uses (no subscriptions are
 * matched or delivered: the subscription processing configurations are not imported).
 *
 * <p>Plain Spring (no Spring Boot): every value is set here, nothing is read from property files.
 */
@Configuration
@EnableTransactionManagement
@Import({HapiJpaConfig.class, JpaBatch2Config.class, Batch2JobsConfig.class, SubscriptionChannelConfig.class,
        ThreadPoolFactoryConfig.class})
class JpaServerConfig {

    @Bean
    public JpaStorageSettings storageSettings() {
        JpaStorageSettings settings = new JpaStorageSettings();
        // every search runs against the database: a search repeated after a write sees the write
        settings.setReuseCachedSearchResultsForMillis(null);
        // client-assigned ids of any form (numeric ones included: ours are UID-derived and may be numeric);
        // server-assigned ids are then UUIDs so that they never collide with a client's numeric id
        settings.setResourceClientIdStrategy(JpaStorageSettings.ClientIdStrategyEnum.ANY);
        settings.setResourceServerIdStrategy(JpaStorageSettings.IdStrategyEnum.UUID);
        // HAPI's default, stated: an update that changes nothing creates no new version
        settings.setSuppressUpdatesWithNoChange(true);
        // no background work in a test server (reindexing, value-set pre-expansion, bulk jobs, stale search
        // cleanup); HAPI's Quartz schedulers themselves are off through the property scheduling_disabled
        // (JpaFhirServer sets it)
        settings.setEnableTaskPreExpandValueSets(false);
        settings.setEnableTaskResourceReindexing(false);
        settings.setEnableTaskStaleSearchCleanup(false);
        settings.setEnableTaskBulkImportJobExecution(false);
        settings.setEnableTaskBulkExportJobExecution(false);
        return settings;
    }

    @Bean
    public PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }

    @Bean
    public SubscriptionSettings subscriptionSettings() {
        return new SubscriptionSettings();
    }

    @Bean
    public IBinaryStorageSvc binaryStorage() {
        return new MemoryBinaryStorageSvcImpl();
    }

    @Bean(destroyMethod = "close")
    public BasicDataSource dataSource(JpaFhirServer.Settings server) {
        BasicDataSource dataSource = new BasicDataSource();
        dataSource.setDriver(new org.h2.Driver());
        dataSource.setUrl(server.jdbcUrl());
        dataSource.setUsername("sa");
        dataSource.setPassword("");
        dataSource.setMaxTotal(10);
        dataSource.setMaxWait(java.time.Duration.ofSeconds(30));
        return dataSource;
    }

    @Bean
    public LocalContainerEntityManagerFactoryBean entityManagerFactory(ConfigurableListableBeanFactory beanFactory,
            FhirContext fhirContext, JpaStorageSettings storageSettings, DataSource dataSource,
            JpaFhirServer.Settings server) {
        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        factory.setPersistenceUnitName("dicom2fhir-it");
        factory.setDataSource(dataSource);
        Properties jpa = new Properties();
        jpa.put("hibernate.dialect", HapiFhirH2Dialect.class.getName());
        // a fresh database every time: "create" skips the reading of H2's metadata that "update" does per table
        jpa.put("hibernate.hbm2ddl.auto", server.database() == JpaFhirServer.Database.FILE ? "update" : "create");
        jpa.put("hibernate.show_sql", "false");
        jpa.put("hibernate.format_sql", "false");
        jpa.put("hibernate.jdbc.batch_size", "20");
        jpa.put("hibernate.cache.use_query_cache", "false");
        jpa.put("hibernate.cache.use_second_level_cache", "false");
        // Hibernate Search (Lucene/Elasticsearch full-text indexing) off: plain SQL searches only
        jpa.put("hibernate.search.enabled", "false");
        factory.setJpaProperties(jpa);
        return factory;
    }

    @Bean
    @Primary
    public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    /** The FHIR endpoint: every JPA resource provider and the system provider (transactions, batches). */
    @Bean
    public RestfulServer restfulServer(FhirContext fhirContext, ResourceProviderFactory resourceProviders,
            JpaSystemProvider<?, ?> systemProvider, DatabaseBackedPagingProvider pagingProvider) {
        RestfulServer server = new RestfulServer(fhirContext);
        server.registerProviders(resourceProviders.createProviders());
        server.registerProvider(systemProvider);
        server.setPagingProvider(pagingProvider);
        server.setDefaultResponseEncoding(ca.uhn.fhir.rest.api.EncodingEnum.JSON);
        return server;
    }
}
