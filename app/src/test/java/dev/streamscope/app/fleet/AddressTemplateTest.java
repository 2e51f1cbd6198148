package dev.streamscope.app.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AddressTemplateTest {

    private static final FleetRow POD =
            row("10.0.3.7:9404", Map.of("pod_ip", "10.0.3.7", "pod", "api-7", "job", "api"));

    @Test
    void hostIsTheInstanceWithoutItsPort() {
        assertThat(AddressTemplate.expand("{host}:9010", POD)).isEqualTo("10.0.3.7:9010");
        assertThat(row("[::1]:9404", Map.of()).host()).isEqualTo("::1");
        assertThat(row("api-7", Map.of()).host()).isEqualTo("api-7");
    }

    @Test
    void anyLabelByName() {
        assertThat(AddressTemplate.expand("{pod}.api.svc:50051", POD)).isEqualTo("api-7.api.svc:50051");
    }

    @Test
    void aMissingLabelNamesTheOnesThereAre() {
        assertThatThrownBy(() -> AddressTemplate.expand("{namespace}:9010", POD))
                .hasMessage("{namespace} in '{namespace}:9010': 10.0.3.7:9404 has no label namespace; it has {host}"
                        + " and [job, pod, pod_ip]");
    }

    @Test
    void filterMatchesLabelsAndWords() {
        assertThat(LabelFilter.matches("", POD.labels())).isTrue();
        assertThat(LabelFilter.matches("job=api api-7", POD.labels())).isTrue();
        assertThat(LabelFilter.matches("job=web", POD.labels())).isFalse();
        assertThat(LabelFilter.matches("api-8", POD.labels())).isFalse();
    }

    @Test
    void metricNamesReadBackAndRejectWhatIsNoName() {
        FleetMetrics renamed = FleetMetrics.parse("open=svc_open;heapUsed=a_used, b_used");

        assertThat(renamed.open()).isEqualTo("svc_open");
        assertThat(renamed.heapUsed()).containsExactly("a_used", "b_used");
        assertThat(renamed.overdue()).isEqualTo("grpc_streams_overdue");
        assertThat(FleetMetrics.parse(renamed.toText())).isEqualTo(renamed);
        assertThatThrownBy(() -> FleetMetrics.parse("open=x) or vector(1"))
                .hasMessage("'x) or vector(1' is not a Prometheus metric name");
        assertThatThrownBy(() -> FleetMetrics.parse("opened=x")).hasMessageStartingWith("unknown metric key 'opened'");
    }

    private static FleetRow row(String instance, Map<String, String> labels) {
        return new FleetRow(instance, labels, 1, 0, 0, 0, 0, 0, Sparkline.EMPTY);
    }
}
