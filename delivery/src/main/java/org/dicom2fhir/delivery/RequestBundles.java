package org.dicom2fhir.delivery;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/** What the client needs to know of the Bundle it sends, read without building it (it may be 10 MB and more). */
final class RequestBundles {
    private static final JsonSubset PATHS = new JsonSubset(Set.of("resourceType", "type", "entry[].request.method",
            "entry[].request.url", "entry[].request.ifNoneExist", "entry[].resource.resourceType"));

    private RequestBundles() {
    }

    /**
     * @param transaction whether it is a Bundle of type transaction
     * @param conditionalPatientCreate whether an entry creates a Patient with {@code ifNoneExist}: then a 412 means
     *        that its search matched several patients
     */
    record Summary(boolean transaction, boolean conditionalPatientCreate) {
    }

    /** @throws IOException when it is not a JSON object (the message never quotes it) */
    static Summary summarise(byte[] json) throws IOException {
        Map<String, Object> bundle = PATHS.read(json);
        boolean transaction = "Bundle".equals(bundle.get("resourceType")) && "transaction".equals(bundle.get("type"));
        boolean conditionalPatient = false;
        for (Map<String, Object> entry : JsonSubset.objects(bundle, "entry")) {
            String ifNoneExist = JsonSubset.string(entry, "request.ifNoneExist");
            String url = JsonSubset.string(entry, "request.url");
            boolean patient = "Patient".equals(JsonSubset.string(entry, "resource.resourceType"))
                    || (url != null && (url.equals("Patient") || url.startsWith("Patient?")));
            if (patient && "POST".equals(JsonSubset.string(entry, "request.method")) && ifNoneExist != null
                    && !ifNoneExist.isBlank()) {
                conditionalPatient = true;
            }
        }
        return new Summary(transaction, conditionalPatient);
    }
}
