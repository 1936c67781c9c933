package org.dicom2fhir.batch;

/** Memory budgets for tests: everything held in memory, or spilled to the store after (about) so many instances. */
final class FactStoreBudgets {
    static final long UNLIMITED = Long.MAX_VALUE;
    /** Every instance offered goes to the store at once (the reckoning of one instance exceeds it). */
    static final long ONE_INSTANCE = 1;
    /** About twenty generated instances (with their groups) between spills. */
    static final long TWENTY_INSTANCES = 20 * 1_000;

    private FactStoreBudgets() {
    }
}
