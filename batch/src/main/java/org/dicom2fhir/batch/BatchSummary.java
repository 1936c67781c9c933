package org.dicom2fhir.batch;

/**
 * The totals of a batch run.
 *
 * @param started       when the run started (its first attempt, when it was interrupted and continued)
 * @param files         files met in every root (entries the scan decided included)
 * @param included      instances kept
 * @param duplicates    files left out as another copy of an instance
 * @param skipped       files skipped (not DICOM, links, ...), duplicates not counted
 * @param failed        files that claim to be DICOM and could not be read
 * @param studies       studies mapped
 * @param studiesFailed studies whose facts could not be mapped
 * @param instances     instances in the mapped studies
 * @param reading       how long this run (not an interrupted one before it) took to scan and read
 * @param emitting      how long it took to map and hand on the studies and files
 */
public record BatchSummary(java.time.Instant started, long files, long included, long duplicates, long skipped, long failed, long studies,
        long studiesFailed, long instances, java.time.Duration reading, java.time.Duration emitting) {
}
