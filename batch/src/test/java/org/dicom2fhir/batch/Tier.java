package org.dicom2fhir.batch;

/** Where a test run's facts are: in memory (the default budget), or spilled to the store every ~20 instances. */
enum Tier {
    MEMORY(FactStoreBudgets.UNLIMITED), STORE(FactStoreBudgets.TWENTY_INSTANCES);

    final long budget;

    Tier(long budget) {
        this.budget = budget;
    }
}
