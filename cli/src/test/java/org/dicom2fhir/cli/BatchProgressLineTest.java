package org.dicom2fhir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchProgressLineTest {
    @Test
    void readingShowsFilesAndRate_writingShowsStudiesInstancesRateAndTimeLeft() throws Exception {
        BatchProgressLine status = new BatchProgressLine();
        status.filesRead(1200);
        status.filesRead(900); // a slower thread's older count never goes back
        assertThat(status.line()).startsWith("reading: 1,200 files (").endsWith("/s)");

        status.studiesFound(400);
        Thread.sleep(20);
        status.studiesDone(100, 2500);
        assertThat(status.line()).startsWith("studies [=======                       ] 100/400, 2,500 instances, ")
                .contains(" studies/s, ").endsWith(" left");

        status.studiesDone(400, 10_000);
        assertThat(status.line()).contains("[" + "=".repeat(30) + "] 400/400, 10,000 instances").doesNotContain("left");
    }
}
