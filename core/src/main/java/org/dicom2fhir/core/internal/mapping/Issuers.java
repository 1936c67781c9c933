package org.dicom2fhir.core.internal.mapping;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.dicom2fhir.core.InstanceFacts;

/** An issuer's Universal Entity ID (0040,0032) and type (0040,0033) -> {@code Identifier.system}. */
final class Issuers {
    private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Issuers() {
    }

    /**
     * ISO -> {@code urn:oid:<id>}, UUID -> {@code urn:uuid:<id>} (lower case), URI -> the id as is; null for
     * other types, a missing id, or an id that does not have the form its type claims (an invalid URI
     * must not become {@code system}).
     */
    static String system(InstanceFacts.Issuer issuer) {
        if (issuer == null) {
            return null;
        }
        String id = Text.clean(issuer.universalEntityId());
        String type = Text.clean(issuer.universalEntityIdType());
        if (id == null || type == null) {
            return null;
        }
        return switch (type.toUpperCase(Locale.ROOT)) {
            case "ISO" -> isAcceptedOid(id) ? "urn:oid:" + id : null;
            case "UUID" -> UUID.matcher(id).matches() ? "urn:uuid:" + id.toLowerCase(Locale.ROOT) : null;
            case "URI" -> isAbsoluteUri(id) && (!id.startsWith("urn:oid:") || isAcceptedOid(id.substring(8))) ? id : null;
            default -> null;
        };
    }

    /**
     * A well-formed OID that the HL7 FHIR validator also accepts as a {@code urn:oid:} system: it rejects
     * (as an error) OIDs with fewer than four characters before the last arc unless they start with
     * {@code 1.3}, e.g. {@code 1.2.3}. Such an issuer gives no system rather than an invalid resource.
     */
    static boolean isAcceptedOid(String oid) {
        return OID.matcher(oid).matches() && (oid.lastIndexOf('.') >= 4 || oid.startsWith("1.3"));
    }

    private static boolean isAbsoluteUri(String value) {
        try {
            return new URI(value).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
