package org.dicom2fhir.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.model.TransactionData;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.core.ConversionResult;
import org.dicom2fhir.core.TransactionPlan;
import org.dicom2fhir.delivery.Delivery;

/**
 * {@code --patient bundle} or {@code reference} without {@code --post}: what would be posted, written where the
 * converted resource goes. bundle: the transaction Bundle of the one study; reference: the ImagingStudy (or with
 * {@code --split} the collection Bundle) whose subject is {@code --subject}, without a contained Patient. A study
 * the plan refuses is left out, as {@code --post} would leave it: its {@link Delivery} is not-sent with the
 * refusal; the others' are not-sent {@link Deliveries#DRY_RUN}.
 */
final class DryRun implements ResultOutput.Body {
    private final ConversionResult result;
    private final TransactionPlan plan;
    private final List<TransactionData> kept;

    private DryRun(ConversionResult result, TransactionPlan plan, List<TransactionData> kept) {
        this.result = result;
        this.plan = plan;
        this.kept = kept;
    }

    /**
     * Plans every study, adding one {@link Delivery} per study to {@code deliveries}.
     *
     * @return what to write, or null when every study was refused
     */
    static DryRun of(ConversionResult result, TransactionPlan plan, List<Delivery> deliveries) {
        List<TransactionData> kept = new ArrayList<>();
        for (StudyData study : result.studies()) {
            TransactionPlan.Planned planned = plan.plan(study, result.patientConflict(study));
            if (planned.refusal() != null) {
                deliveries.add(Delivery.notSent(study.studyInstanceUid(), planned.refusal().name()));
            } else {
                kept.add(planned.transaction());
                deliveries.add(Delivery.notSent(study.studyInstanceUid(), Deliveries.DRY_RUN));
            }
        }
        return kept.isEmpty() ? null : new DryRun(result, plan, List.copyOf(kept));
    }

    @Override
    public void writeTo(OutputStream out, WriteOptions options) throws IOException {
        if (plan.patient() == TransactionPlan.PatientMode.BUNDLE) {
            // one study: DeliverySetup refuses --split with this dry run
            result.writer().writeTransaction(kept.get(0), out, options);
        } else if (result.split()) {
            List<StudyData> studies = new ArrayList<>(kept.size());
            for (TransactionData tx : kept) {
                studies.add(tx.study());
            }
            result.writer().writeBundle(studies, out, options);
        } else {
            result.writer().write(kept.get(0).study(), out, options);
        }
    }
}
