package dev.streamscope.app.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void safeReplacesEachRunOfOtherCharactersWithOneUnderscore() {
        assertThat(FileNames.safe("service:jmx:rmi:///jndi/rmi://10.0.0.7:9010/jmxrmi"))
                .isEqualTo("service_jmx_rmi_jndi_rmi_10.0.0.7_9010_jmxrmi");
        assertThat(FileNames.safe("orders (recording) ä")).isEqualTo("orders_recording_");
    }

    @Test
    void safeKeepsLettersDigitsDotsUnderscoresAndDashes() {
        assertThat(FileNames.safe("orders-7.prod_eu")).isEqualTo("orders-7.prod_eu");
    }
}
