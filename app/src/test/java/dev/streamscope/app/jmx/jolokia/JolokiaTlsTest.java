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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Jolokia agent over https with a self-signed certificate for localhost (made with the JDK's keytool): its
 * PEM given as the CA file is trusted; without it, or by an address the certificate does not name, the message says
 * what to do.
 */
class JolokiaTlsTest {

    private static final String STORE_PASSWORD = "changeit";

    @TempDir
    static Path certificates;

    private static ChildJvm child;
    private static String url;
    /** The same agent by an address its certificate does not name. */
    private static String byAddress;

    private static Path caFile;

    @BeforeAll
    static void startChildWithHttps() throws Exception {
        Path keystore = certificates.resolve("agent.p12");
        caFile = certificates.resolve("agent.pem");
        keytool(
                "-genkeypair",
                "-alias",
                "agent",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=streamscope-test-agent",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                STORE_PASSWORD,
                "-keypass",
                STORE_PASSWORD,
                "-ext",
                "SAN=dns:localhost");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "agent",
                "-keystore",
                keystore.toString(),
                "-storepass",
                STORE_PASSWORD,
                "-file",
                caFile.toString());
        int port = ChildJvm.freePort();
        child = ChildJvm.start(
                JmxChildMain.class,
                List.of(JolokiaAgent.javaagent(
                        port, "protocol=https", "keystore=" + keystore, "keystorePassword=" + STORE_PASSWORD)),
                List.of());
        JolokiaAgent.awaitListening(port);
        url = "https://localhost:" + port + "/jolokia/";
        byAddress = "https://127.0.0.1:" + port + "/jolokia/";
    }

    @AfterAll
    static void stopChild() {
        if (child != null) {
            child.close();
        }
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
    }

    @Test
    void theAgentsCaFileIsTrusted() throws Exception {
        try (JvmConnection connection =
                JvmConnections.open(JolokiaTarget.parse(url, null, null, caFile), Timeouts.DEFAULT)) {
            assertThat(connection.sample().heap().used()).isPositive();
        }
    }

    @Test
    void anAddressTheCertificateDoesNotNameIsToldApart() {
        TargetProblem problem = catchThrowableOfType(
                () -> JvmConnections.open(JolokiaTarget.parse(byAddress, null, null, caFile), Timeouts.DEFAULT)
                        .close(),
                TargetProblem.class);

        assertThat(problem).isNotNull();
        assertThat(problem.kind()).isEqualTo(TargetProblem.Kind.CERTIFICATE_HOST_MISMATCH);
        assertThat(problem.getMessage()).contains("certificate for another host");
    }

    @Test
    void withoutTheCaFileTheMessageSaysToGiveIt() {
        TargetProblem problem = catchThrowableOfType(
                () -> JvmConnections.open(JolokiaTarget.parse(url, null, null, null), Timeouts.DEFAULT)
                        .close(),
                TargetProblem.class);

        assertThat(problem).isNotNull();
        assertThat(problem.kind()).isEqualTo(TargetProblem.Kind.UNTRUSTED_CERTIFICATE);
        assertThat(problem.getMessage()).contains("--jolokia-ca");
    }
}
