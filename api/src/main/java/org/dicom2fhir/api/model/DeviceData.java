package org.dicom2fhir.api.model;

import java.util.List;
import java.util.Objects;

/**
 * A contained Device: the equipment that produced a series (General Equipment module). Each writer
 * shapes it for its release (R4 {@code deviceName} of type model-name, R5 {@code modelNumber}...); see
 * mapping.md. The {@code id} is derived from the identifying values.
 *
 * @param manufacturer     (0008,0070)
 * @param modelName        (0008,1090)
 * @param serialNumber     (0018,1000)
 * @param deviceUid        (0018,1002), without {@code urn:oid:}
 * @param softwareVersions (0018,1020), every value
 * @param stationName      (0008,1010)
 * @param udi              (0018,100A) > (0018,1009), the first
 * @param ownerId          id of the contained Organization owning it, or null
 */
public record DeviceData(String id, String manufacturer, String modelName, String serialNumber, String deviceUid,
        List<String> softwareVersions, String stationName, String udi, String ownerId) {
    public DeviceData {
        id = Objects.requireNonNull(Strings.orNull(id), "id");
        manufacturer = Strings.orNull(manufacturer);
        modelName = Strings.orNull(modelName);
        serialNumber = Strings.orNull(serialNumber);
        deviceUid = Strings.orNull(deviceUid);
        softwareVersions = Strings.nonEmpty(softwareVersions);
        stationName = Strings.orNull(stationName);
        udi = Strings.orNull(udi);
        ownerId = Strings.orNull(ownerId);
    }

    /**
     * The GS1 device identifier (the 14-digit GTIN after the {@code (01)} application identifier) when the
     * UDI is a GS1 human-readable form starting with it, else null: R5's {@code udiCarrier} needs it.
     */
    public String gs1DeviceIdentifier() {
        if (udi == null || !udi.startsWith("(01)") || udi.length() < 18) {
            return null;
        }
        String gtin = udi.substring(4, 18);
        for (int i = 0; i < gtin.length(); i++) {
            if (gtin.charAt(i) < '0' || gtin.charAt(i) > '9') {
                return null;
            }
        }
        return udi.length() == 18 || udi.charAt(18) == '(' ? gtin : null;
    }
}
