package dev.streamscope.app.jmx.histogram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.jmx.transport.JmxAddress;
import dev.streamscope.app.jmx.transport.JmxFailures;
import dev.streamscope.app.jmx.transport.JmxTarget;
import java.time.Duration;
import javax.management.InstanceNotFoundException;
import org.junit.jupiter.api.Test;

/**
 * The messages for histograms that cannot be taken. Every HotSpot JVM registers the DiagnosticCommand MBean, so its
 * absence is the exception JMX throws for a missing MBean, built here; the readonly user is tested for real in
 * JmxConnectorAuthenticationTest.
 */
class HistogramFailuresTest {

    private final JmxTarget target;

    HistogramFailuresTest() throws TargetProblem {
        target = JmxAddress.parse("db-7:9010", null, null, false);
    }

    @Test
    void missingMBeanSaysWhatTheTargetIsNotAndWhatToDoInstead() {
        TargetProblem problem = JmxFailures.histogram(
                new InstanceNotFoundException("com.sun.management:type=DiagnosticCommand"), target);

        assertThat(problem)
                .hasMessageContaining("db-7:9010 has no DiagnosticCommand MBean")
                .hasMessageContaining("jcmd <pid> GC.class_histogram");
    }

    @Test
    void timeoutOfALiveHistogramSaysItRunsAFullGc() {
        TargetProblem problem = JmxFailures.histogramTimeout(target, HistogramMode.LIVE, Duration.ofSeconds(30));

        assertThat(problem.kind()).isEqualTo(TargetProblem.Kind.TIMEOUT);
        assertThat(problem).hasMessageContaining("within 30 s").hasMessageContaining("full GC");
    }
}
