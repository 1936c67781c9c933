package org.dicom2fhir.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON-tree merge on its own: what is kept, what is replaced, what is recomputed. */
class StudyMergeTest {
    private static Map<String, Object> json(String text) throws Exception {
        return JsonTree.parseObject(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Map<String, Object> tree) {
        return new String(JsonTree.write(tree), StandardCharsets.UTF_8).replace('"', '\'');
    }

    private static final String SERVER = "{'resourceType':'ImagingStudy','id':'s1','meta':{'versionId':'3',"
            + "'tag':[{'code':'t'}]},'extension':[{'url':'u','valueString':'x'}],'identifier':[{'system':'urn:dicom:uid',"
            + "'value':'urn:oid:1.2'},{'system':'acc','value':'A1'}],'status':'available','subject':{'reference':'#patient'},"
            + "'contained':[{'resourceType':'Patient','id':'patient','identifier':[{'system':'s','value':'P1'}]},"
            + "{'resourceType':'Device','id':'device-1','manufacturer':'old'}],"
            + "'started':'2024-01-02T10:00:00+01:00','numberOfSeries':1,'numberOfInstances':2,"
            + "'modality':[{'system':'dcm','code':'CT'}],'note':[{'text':'n'}],"
            + "'series':[{'uid':'1.2.1','modality':{'system':'dcm','code':'CT'},'numberOfInstances':2,'extension':[{'url':'e'}],"
            + "'instance':[{'uid':'1.2.1.1','number':1},{'uid':'1.2.1.2','number':2}]}]}";

    @Test
    void newSeriesAreAdded_countsModalitiesAndStartedRecomputed_everythingElseOfTheServerKept() throws Exception {
        Map<String, Object> ours = json("{'resourceType':'ImagingStudy','id':'ours','identifier':[{'system':'urn:dicom:uid',"
                + "'value':'urn:oid:1.2'}],'status':'available','subject':{'reference':'#patient'},"
                + "'contained':[{'resourceType':'Patient','id':'patient','identifier':[{'system':'s','value':'P1'}]},"
                + "{'resourceType':'Device','id':'device-2','manufacturer':'new'}],"
                + "'started':'2024-01-02T08:30:00Z','numberOfSeries':1,'numberOfInstances':1,"
                + "'modality':[{'system':'dcm','code':'MR'}],"
                + "'series':[{'uid':'1.2.2','modality':{'system':'dcm','code':'MR'},'numberOfInstances':1,"
                + "'instance':[{'uid':'1.2.2.1','number':1}]}]}");
        Map<String, Object> server = json(SERVER);

        Map<String, Object> merged = StudyMerge.merge(server, ours);

        String text = text(merged);
        assertThat(merged.get("id")).isEqualTo("s1");
        assertThat(text).contains("'meta':{'versionId':'3','tag':[{'code':'t'}]}", "'note':[{'text':'n'}]",
                "'extension':[{'url':'u','valueString':'x'}]", "{'system':'acc','value':'A1'}",
                "'numberOfSeries':2", "'numberOfInstances':3",
                "'modality':[{'system':'dcm','code':'CT'},{'system':'dcm','code':'MR'}]",
                "'id':'device-1'", "'id':'device-2'", "'extension':[{'url':'e'}]");
        // 08:30Z is 09:30+01:00: earlier than the server's 10:00+01:00
        assertThat(merged.get("started")).isEqualTo("2024-01-02T08:30:00Z");
        assertThat(text(server)).as("the server's tree is not changed").isEqualTo(text(json(SERVER)));
    }

    @Test
    void aKnownSeriesIsOverlaid_instancesByUid_containedByIdOursWinning_andTheSameDataChangesNothing() throws Exception {
        Map<String, Object> server = json(SERVER);
        Map<String, Object> ours = json("{'resourceType':'ImagingStudy','status':'available','subject':{'reference':'#patient'},"
                + "'contained':[{'resourceType':'Device','id':'device-1','manufacturer':'fixed'}],"
                + "'series':[{'uid':'1.2.1','description':'chest','instance':[{'uid':'1.2.1.2','number':20},"
                + "{'uid':'1.2.1.3','number':3}]}]}");

        Map<String, Object> merged = StudyMerge.merge(server, ours);

        String text = text(merged);
        assertThat(text).contains("'manufacturer':'fixed'").doesNotContain("'manufacturer':'old'")
                .contains("'description':'chest'", "'extension':[{'url':'e'}]", "{'uid':'1.2.1.1','number':1}",
                        "{'uid':'1.2.1.2','number':20}", "{'uid':'1.2.1.3','number':3}", "'numberOfInstances':3");
        assertThat(StudyMerge.merge(merged, ours)).isEqualTo(merged);
        assertThat(StudyMerge.merge(server, json(SERVER))).as("the server's own study merged into itself").isEqualTo(server);
    }

    @Test
    void anotherSubjectOrAnotherPatientIdentifierIsAnotherPatient() throws Exception {
        Map<String, Object> server = json(SERVER);
        assertThat(StudyMerge.samePatient(server, json(SERVER))).isTrue();
        assertThat(StudyMerge.samePatient(server, json(SERVER.replace("'value':'P1'", "'value':'P2'")))).isFalse();
        assertThat(StudyMerge.samePatient(server, json(SERVER.replace("'#patient'", "'Patient/7'")))).isFalse();
        Map<String, Object> referenced = json(SERVER.replace("'#patient'", "'Patient/7'"));
        assertThat(StudyMerge.samePatient(referenced, referenced)).isTrue();
    }

    @Test
    void datesWithoutOffsetsCompareAsText() {
        assertThat(StudyMerge.earliest("2024-01-03", "2024-01-02")).isEqualTo("2024-01-02");
        assertThat(StudyMerge.earliest(null, "2024")).isEqualTo("2024");
        assertThat(StudyMerge.earliest("2024-05-01T10:00:00+02:00", "2024-05-01T09:00:00Z")).isEqualTo("2024-05-01T10:00:00+02:00");
    }
}
