package org.dicom2fhir.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.model.TransactionData;
import org.dicom2fhir.api.spi.FhirRelease;
import org.dicom2fhir.api.spi.FhirWriter;
import org.dicom2fhir.api.spi.OutputFormat;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.core.ConversionResult;
import org.dicom2fhir.core.TransactionPlan;
import org.dicom2fhir.delivery.Before;
import org.dicom2fhir.delivery.Delivery;
import org.dicom2fhir.delivery.DeliveryException;
import org.dicom2fhir.delivery.FhirDeliveryClient;

/**
 * {@code --post}: one server check, then per study its plan, its transaction (always compact JSON), its
 * validation with {@code --validate}, and its delivery. Every study ends as one {@link Delivery}; exit code 8
 * for those not delivered, 6 for the invalid ones. Lines name Study Instance UIDs, outcomes and value-free
 * reasons, never a patient value or the token.
 */
final class Deliveries {
    /** Reason code of the studies not sent because the server check failed (unreachable, or another FHIR release). */
    static final String SERVER_CHECK_FAILED = "SERVER_CHECK_FAILED";
    /** Reason code of the dry run's studies: written, not sent. */
    static final String DRY_RUN = "DRY_RUN";

    private static final WriteOptions COMPACT_JSON = new WriteOptions(OutputFormat.JSON, false);

    private Deliveries() {
    }

    /**
     * Delivers every study of the result.
     *
     * @param validation null without {@code --validate}
     */
    static List<Delivery> post(ConversionResult result, FhirRelease release, TransactionPlan plan,
            FhirDeliveryClient client, Validation validation, boolean quiet, boolean verbose, RunLog log) {
        return post(result, release, plan, client, validation, quiet, verbose, log, false);
    }

    /** As above; with {@code merge}, each study is merged into the server's ({@link FhirDeliveryClient#merge}). */
    static List<Delivery> post(ConversionResult result, FhirRelease release, TransactionPlan plan,
            FhirDeliveryClient client, Validation validation, boolean quiet, boolean verbose, RunLog log,
            boolean merge) {
        List<Delivery> deliveries = new ArrayList<>();
        try {
            client.checkServer(release.version().substring(0, 3));
        } catch (DeliveryException e) {
            log.note("dicom2fhir: " + Main.sentence(e.getMessage()));
            for (StudyData study : result.studies()) {
                deliveries.add(Delivery.notSent(study.studyInstanceUid(), SERVER_CHECK_FAILED));
            }
            judge(deliveries, plan, log);
            return deliveries;
        }
        FhirWriter writer = result.writer();
        for (StudyData study : result.studies()) {
            deliveries.add(deliver(study, result.patientConflict(study), writer, plan, client, validation, quiet,
                    verbose, log, merge));
        }
        judge(deliveries, plan, log);
        return deliveries;
    }

    private static Delivery deliver(StudyData study, boolean patientConflict, FhirWriter writer, TransactionPlan plan,
            FhirDeliveryClient client, Validation validation, boolean quiet, boolean verbose, RunLog log,
            boolean merge) {
        String uid = study.studyInstanceUid();
        TransactionPlan.Planned planned = plan.plan(study, patientConflict);
        if (planned.refusal() != null) {
            return Delivery.notSent(uid, planned.refusal().name());
        }
        TransactionData tx = planned.transaction().atServer(client.baseUrl().toString());
        byte[] body = transaction(writer, tx);
        if (validation != null && !validation.check(body, OutputFormat.JSON, quiet, verbose, log, uid)) {
            return new Delivery(uid, 0, Delivery.Outcome.INVALID, "not sent: --validate found errors", null, null,
                    List.of(), List.of(), 0);
        }
        if (merge) {
            Delivery merged = client.merge(uid, body);
            if (verbose && !merged.conflicts().isEmpty()) {
                log.note("dicom2fhir: study " + uid + ": another client wrote the study meanwhile (HTTP "
                        + merged.conflicts() + "): read and merged again");
            }
            return merged;
        }
        Before before;
        try {
            before = client.currentVersion(tx.currentVersionSearch());
        } catch (DeliveryException e) {
            // the delivery itself reports an unreachable server; unknown before, a 200 counts as updated
            if (verbose) {
                log.note("dicom2fhir: study " + uid + ": the version before could not be asked: "
                        + Main.sentence(e.getMessage()));
            }
            before = Before.none();
        }
        Delivery delivery = client.deliver(uid, body, before);
        if (!quiet && delivery.warnings().contains(Delivery.Warning.LARGE_TRANSACTION)) {
            log.note("warning: study " + uid + ": the transaction is larger than 10 MB; servers and proxies often "
                    + "refuse such requests.");
        }
        return delivery;
    }

    static byte[] transaction(FhirWriter writer, TransactionData tx) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
        try {
            writer.writeTransaction(tx, buffer, COMPACT_JSON);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return buffer.toByteArray();
    }

    /** Exit codes 8 and 6, and one line per study not delivered. */
    static void judge(List<Delivery> deliveries, TransactionPlan plan, RunLog log) {
        for (Delivery d : deliveries) {
            if (d.outcome().delivered() || DRY_RUN.equals(d.reason())) {
                continue;
            }
            if (d.outcome() == Delivery.Outcome.INVALID) {
                log.code(ExitCodes.INVALID_RESULT);
            } else {
                log.code(ExitCodes.NOT_DELIVERED);
            }
            log.note("dicom2fhir: study " + d.studyInstanceUid() + " not delivered: " + word(d.outcome())
                    + (d.httpStatus() > 0 ? " (HTTP " + d.httpStatus() + ")" : "")
                    + (d.reason() == null ? "" : ": " + d.reason()) + hint(d, plan));
        }
    }

    private static String hint(Delivery d, TransactionPlan plan) {
        if (d.outcome() == Delivery.Outcome.REJECTED && d.httpStatus() == 400
                && plan.match() == TransactionPlan.Match.IDENTIFIER) {
            return " (if the server holds the study under an id of its own, --server-ids updates it)";
        }
        if (d.outcome() == Delivery.Outcome.AMBIGUOUS_PATIENT) {
            return " (several Patients on the server have the study's patient identifier; nothing was linked)";
        }
        return "";
    }

    /** {@code posted 2 studies to http://host/fhir: 1 created, 1 unchanged}; {@code --quiet} leaves it out. */
    static String summary(List<Delivery> deliveries, String base) {
        Map<Delivery.Outcome, Integer> counts = new EnumMap<>(Delivery.Outcome.class);
        for (Delivery d : deliveries) {
            counts.merge(d.outcome(), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((outcome, n) -> parts.add(n + " " + word(outcome)));
        return "posted " + RunMessages.plural(deliveries.size(), "study", "studies") + " to " + base + ": "
                + (parts.isEmpty() ? "none" : String.join(", ", parts));
    }

    /** The outcome as the report writes it: {@code ambiguous-patient}. */
    static String word(Delivery.Outcome outcome) {
        return outcome.word();
    }
}
