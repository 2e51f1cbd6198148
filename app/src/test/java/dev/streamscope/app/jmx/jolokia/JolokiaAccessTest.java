package dev.streamscope.app.jmx.jolokia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.streamscope.app.base.TargetProblem;
import dev.streamscope.app.base.Timeouts;
import dev.streamscope.app.jmx.ChildJvm;
import dev.streamscope.app.jmx.JmxChildMain;
import dev.streamscope.app.jmx.JolokiaAgent;
import dev.streamscope.app.jmx.JvmConnection;
import dev.streamscope.app.jmx.JvmConnections;
import dev.streamscope.app.jmx.histogram.HistogramMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A child JVM with the real Jolokia agent behind basic auth and a restrictor (jolokia-access.xml) that allows what
 * StreamScope reads but no class histogram: the right password reads ticks, a wrong or missing one and the forbidden
 * histogram each get their own message.
 */
class JolokiaAccessTest {

    private static final String USER = "ops";
    private static final String PASSWORD = "s3cret-for-tests";

    private static ChildJvm child;
    private static String url;

    @BeforeAll
    static void startChild() throws Exception {
        Path policy = Path.of(JolokiaAccessTest.class
                .getResource("/jolokia/no-histogram-access.xml")
                .toURI());
        int port = ChildJvm.freePort();
        child = ChildJvm.start(
                JmxChildMain.class,
                List.of(JolokiaAgent.javaagent(
                        port, "user=" + USER, "password=" + PASSWORD, "policyLocation=" + policy.toUri())),
                List.of());
        JolokiaAgent.awaitListening(port);
        url = JolokiaAgent.url(port);
    }

    @AfterAll
    static void stopChild() {
        if (child != null) {
            child.close();
        }
    }

    private static JvmConnection open(String user, String password) throws TargetProblem {
        return JvmConnections.open(
                JolokiaTarget.parse(url, user, password == null ? null : password.toCharArray(), null),
                Timeouts.DEFAULT);
    }

    @Test
    void theRightPasswordReadsTicksButTheRestrictorForbidsTheHistogram() throws Exception {
        try (JvmConnection connection = open(USER, PASSWORD)) {
            assertThat(connection.sample().heap().used()).isPositive();

            TargetProblem refused = catchThrowableOfType(
                    () -> connection.classHistogram(HistogramMode.ALL, Duration.ofSeconds(30)), TargetProblem.class);

            assertThat(refused).isNotNull();
            assertThat(refused.getMessage())
                    .contains("forbids gcClassHistogram on com.sun.management:type=DiagnosticCommand")
                    .contains(JolokiaFailures.ACCESS_FILE);
            // the refusal is the histogram's alone: the next tick is read as before
            assertThat(connection.sample().heap().used()).isPositive();
        }
    }

    @Test
    void aWrongPasswordSaysTheCredentialsAreWrong() {
        TargetProblem problem = catchThrowableOfType(() -> open(USER, "wrong"), TargetProblem.class);

        assertThat(problem).isNotNull();
        assertThat(problem.kind()).isEqualTo(TargetProblem.Kind.AUTHENTICATION_FAILED);
        assertThat(problem.getMessage()).contains("refused user \"ops\"").contains("HTTP 401");
    }

    @Test
    void noPasswordSaysWhereToGiveOne() {
        TargetProblem problem = catchThrowableOfType(() -> open(null, null), TargetProblem.class);

        assertThat(problem).isNotNull();
        assertThat(problem.kind()).isEqualTo(TargetProblem.Kind.CREDENTIALS_REQUIRED);
        assertThat(problem.getMessage()).contains("--jolokia-user").contains("STREAMSCOPE_JOLOKIA_PASSWORD");
    }
}
