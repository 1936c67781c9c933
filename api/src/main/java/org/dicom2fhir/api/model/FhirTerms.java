package org.dicom2fhir.api.model;

/** Fixed URIs, codes and ids of the output, shared by core and every writer. */
public final class FhirTerms {
    private FhirTerms() {
    }

    public static final String PATIENT_ID = "patient.contained.inline";
    public static final String PATIENT_REFERENCE = "#" + PATIENT_ID;
    public static final String ENDPOINT_ID = "endpoint";
    public static final String ENDPOINT_REFERENCE = "#" + ENDPOINT_ID;

    public static final String STATUS_AVAILABLE = "available";

    public static final String DICOM_UID_SYSTEM = "urn:dicom:uid";
    public static final String DCM_SYSTEM = "http://dicom.nema.org/resources/ontology/DCM";
    public static final String SNOMED_SYSTEM = "http://snomed.info/sct";
    public static final String RFC3986_SYSTEM = "urn:ietf:rfc:3986";
    public static final String V2_0203_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0203";
    public static final String PARTICIPATION_TYPE_SYSTEM =
            "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    /** R4's {@code Device.deviceName.type} and R5's {@code Device.name.type} code system. */
    public static final String DEVICE_NAME_TYPE_MODEL_NAME = "model-name";
    public static final String DEVICE_NAME_TYPE_USER_FRIENDLY_NAME = "user-friendly-name";
    /** The issuer of GS1 device identifiers, as FHIR's UDI guidance names it. */
    public static final String GS1_DI_ISSUER = "http://hl7.org/fhir/NamingSystem/gs1-di";
    public static final String SERVICE_REQUEST_TYPE = "ServiceRequest";
    public static final String SERVICE_REQUEST_STATUS = "unknown";
    public static final String SERVICE_REQUEST_INTENT = "order";
    public static final String EN_REPRESENTATION_EXTENSION =
            "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";

    public static final String ENDPOINT_CONNECTION_TYPE_SYSTEM =
            "http://terminology.hl7.org/CodeSystem/endpoint-connection-type";
    public static final String ENDPOINT_CONNECTION_TYPE_CODE = "dicom-wado-rs";
    public static final String ENDPOINT_STATUS = "active";
    public static final String ENDPOINT_PAYLOAD_TYPE_TEXT = "DICOM";
    public static final String ENDPOINT_PAYLOAD_MIME_TYPE = "application/dicom";

    public static final String BUNDLE_TYPE_COLLECTION = "collection";
    public static final String URN_UUID_PREFIX = "urn:uuid:";
    public static final String BUNDLE_TYPE_TRANSACTION = "transaction";
    /** A transaction's Patient entry: {@code POST} to this url; the ImagingStudy's is a {@code PUT}. */
    public static final String PATIENT_REQUEST_URL = "Patient";
    public static final String REQUEST_METHOD_POST = "POST";
    public static final String REQUEST_METHOD_PUT = "PUT";
}
