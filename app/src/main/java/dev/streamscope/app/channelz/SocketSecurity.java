package dev.streamscope.app.channelz;

/**
 * The security of a socket.
 *
 * @param model {@code "tls"} or the name of the other security model the peer reported
 * @param cipherSuite the TLS cipher suite (standard or other name), or {@code null}
 * @param localCertificateSubject the subject of the certificate this side presented, or {@code null} when none
 * @param remoteCertificateSubject the subject of the certificate the other side presented, or {@code null} when none
 */
public record SocketSecurity(
        String model, String cipherSuite, String localCertificateSubject, String remoteCertificateSubject) {

    public boolean tls() {
        return "tls".equals(model);
    }
}
