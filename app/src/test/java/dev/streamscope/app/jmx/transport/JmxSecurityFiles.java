package dev.streamscope.app.jmx.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Password, access and key store files for child JVMs' JMX agents, written into a test's temporary folder. */
public final class JmxSecurityFiles {

    public static final String USER = "monitor";
    public static final String PASSWORD = "s3cret-for-tests";
    static final String KEYSTORE_PASSWORD = "changeit-tests";

    private JmxSecurityFiles() {}

    /** {@code jmxremote} settings that require {@link #USER} with {@link #PASSWORD}, read-only access. */
    public static Map<String, String> authentication(Path folder) throws IOException {
        Path passwords = ownerOnly(folder.resolve("jmxremote.password"), USER + " " + PASSWORD + "\n");
        Path access = ownerOnly(folder.resolve("jmxremote.access"), USER + " readonly\n");
        return Map.of(
                "authenticate", "true",
                "password.file", passwords.toString(),
                "access.file", access.toString());
    }

    /**
     * A key store with a fresh self-signed certificate for 127.0.0.1, made by the JDK's keytool, and the JVM options
     * that make a child's agent serve it, registry included.
     */
    static List<String> sslServerOptions(Path folder) throws IOException, InterruptedException {
        Path keyStore = folder.resolve("server.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                KEYSTORE_PASSWORD);
        List<String> options = new ArrayList<>();
        options.add("-Djavax.net.ssl.keyStore=" + keyStore);
        options.add("-Djavax.net.ssl.keyStorePassword=" + KEYSTORE_PASSWORD);
        options.add("-Djavax.net.ssl.keyStoreType=PKCS12");
        return options;
    }

    /**
     * A trust store holding the certificate {@link #sslServerOptions} made (call that first), and the JVM options that
     * make a client JVM trust it.
     */
    static List<String> sslClientOptions(Path folder) throws IOException, InterruptedException {
        Path certificate = folder.resolve("server.cer");
        Path trustStore = folder.resolve("client-trust.p12");
        keytool(
                "-exportcert",
                "-alias",
                "server",
                "-keystore",
                folder.resolve("server.p12").toString(),
                "-storepass",
                KEYSTORE_PASSWORD,
                "-file",
                certificate.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "server",
                "-file",
                certificate.toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                trustStore.toString(),
                "-storepass",
                KEYSTORE_PASSWORD);
        return List.of(
                "-Djavax.net.ssl.trustStore=" + trustStore,
                "-Djavax.net.ssl.trustStorePassword=" + KEYSTORE_PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + "/bin/keytool");
        command.addAll(List.of(arguments));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            keytool.destroyForcibly();
            throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
        }
    }

    static Map<String, String> sslAgent() {
        return Map.of(
                "ssl", "true",
                "registry.ssl", "true",
                "ssl.need.client.auth", "false");
    }

    private static Path ownerOnly(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        // the agent refuses a password file others can read
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
