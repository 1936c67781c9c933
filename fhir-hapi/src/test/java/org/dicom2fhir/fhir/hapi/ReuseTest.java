package org.dicom2fhir.fhir.hapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.dicom2fhir.api.model.CodingData;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.junit.jupiter.api.Test;

class ReuseTest {
    private static final CodingData CT = CodingData.of("urn:ietf:rfc:3986", "urn:oid:1.2.840.10008.5.1.4.1.1.2", null);
    private static final CodingData MR = CodingData.of("urn:ietf:rfc:3986", "urn:oid:1.2.840.10008.5.1.4.1.1.4", null);

    @Test
    void forEncodingBuildsEachDistinctValueOnce() {
        Reuse reuse = Reuse.forEncoding();
        Coding ct = reuse.coding(CT, R4Mapper::coding);
        Coding equalToCt = reuse.coding(CodingData.of(CT.system(), CT.code(), null), R4Mapper::coding);
        Coding mr = reuse.coding(MR, R4Mapper::coding);
        assertThat(equalToCt).isSameAs(ct);
        assertThat(mr).isNotSameAs(ct);
        assertThat(mr.getCode()).isEqualTo(MR.code());
        StringType title = reuse.text("ORIGINAL\\PRIMARY", StringType::new);
        StringType sameTitle = reuse.text("ORIGINAL\\PRIMARY", StringType::new);
        StringType other = reuse.text("DERIVED", StringType::new);
        assertThat(sameTitle).isSameAs(title);
        assertThat(other.getValue()).isEqualTo("DERIVED");
        UnsignedIntType seven = reuse.number(7, UnsignedIntType::new);
        UnsignedIntType sameSeven = reuse.number(7, UnsignedIntType::new);
        UnsignedIntType eight = reuse.number(8, UnsignedIntType::new);
        assertThat(sameSeven).isSameAs(seven);
        assertThat(eight.getValue()).isEqualTo(8);
    }

    @Test
    void noneBuildsAFreshValueEveryTime() {
        Coding first = Reuse.NONE.coding(CT, R4Mapper::coding);
        Coding second = Reuse.NONE.coding(CT, R4Mapper::coding);
        assertThat(second).isNotSameAs(first);
        StringType text = Reuse.NONE.text("x", StringType::new);
        StringType text2 = Reuse.NONE.text("x", StringType::new);
        assertThat(text2).isNotSameAs(text);
        UnsignedIntType number = Reuse.NONE.number(7, UnsignedIntType::new);
        UnsignedIntType number2 = Reuse.NONE.number(7, UnsignedIntType::new);
        assertThat(number2).isNotSameAs(number);
    }
}
