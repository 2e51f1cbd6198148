package dev.streamscope.app.channelz;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates made at test time with the JDK's own keytool (no extra dependency), exported to the PEM
 * files gRPC wants: each certificate is its own CA, so its PEM file doubles as the CA file that trusts it.
 */
final class TestCertificates {

    /** A PEM certificate and its PKCS#8 key. */
    record Pem(Path certificate, Path key) {}

    private static final char[] STORE_PASSWORD = "changeit".toCharArray();

    private static Path directory;
    private static Pem server;
    private static Pem wrongHost;
    private static Pem client;

    private TestCertificates() {}

    /** Valid for 127.0.0.1 and localhost. */
    static synchronized Pem server() throws Exception {
        if (server == null) {
            server = generate("server", "CN=streamscope-test-server", "SAN=ip:127.0.0.1,dns:localhost");
        }
        return server;
    }

    /** Valid only for a host that is not the one tests connect to. */
    static synchronized Pem wrongHost() throws Exception {
        if (wrongHost == null) {
            wrongHost = generate("wrong-host", "CN=elsewhere.invalid", "SAN=dns:elsewhere.invalid");
        }
        return wrongHost;
    }

    /** A client certificate for mutual TLS. */
    static synchronized Pem client() throws Exception {
        if (client == null) {
            client = generate("client", "CN=streamscope-test-client", null);
        }
        return client;
    }

    private static Pem generate(String name, String subject, String subjectAlternativeNames) throws Exception {
        if (directory == null) {
            directory = Files.createTempDirectory("streamscope-certs");
            directory.toFile().deleteOnExit();
        }
        Path store = directory.resolve(name + ".p12");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                subject,
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(STORE_PASSWORD),
                "-keypass",
                new String(STORE_PASSWORD)));
        if (subjectAlternativeNames != null) {
            command.add("-ext");
            command.add(subjectAlternativeNames);
        }
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] output = keytool.getInputStream().readAllBytes();
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IOException("keytool failed: " + new String(output, StandardCharsets.UTF_8));
            }
        } finally {
            keytool.destroyForcibly();
        }
        return export(store, name);
    }

    private static Pem export(Path store, String alias) throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, STORE_PASSWORD);
        }
        Key key = keyStore.getKey(alias, STORE_PASSWORD);
        Certificate certificate = keyStore.getCertificate(alias);
        Path certificateFile = directory.resolve(alias + ".crt.pem");
        Path keyFile = directory.resolve(alias + ".key.pem");
        Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
        return new Pem(certificateFile, keyFile);
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
