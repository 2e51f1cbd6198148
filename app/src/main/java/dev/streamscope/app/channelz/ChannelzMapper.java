package dev.streamscope.app.channelz;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.grpc.channelz.v1.Address;
import io.grpc.channelz.v1.Channel;
import io.grpc.channelz.v1.ChannelConnectivityState;
import io.grpc.channelz.v1.ChannelRef;
import io.grpc.channelz.v1.Security;
import io.grpc.channelz.v1.Server;
import io.grpc.channelz.v1.ServerRef;
import io.grpc.channelz.v1.Socket;
import io.grpc.channelz.v1.SocketOption;
import io.grpc.channelz.v1.SocketOptionLinger;
import io.grpc.channelz.v1.SocketOptionTcpInfo;
import io.grpc.channelz.v1.SocketOptionTimeout;
import io.grpc.channelz.v1.SocketRef;
import io.grpc.channelz.v1.Subchannel;
import io.grpc.channelz.v1.SubchannelRef;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;

/**
 * The one place where channelz protobuf messages become StreamScope records; nothing past this class sees protobuf.
 * Message fields the peer left out become {@code null}, never zeros: a missing timestamp is "unknown", not 1970.
 */
public final class ChannelzMapper {

    private ChannelzMapper() {}

    public static EntityKey key(ChannelRef ref) {
        return new EntityKey(EntityKey.Kind.CHANNEL, ref.getChannelId(), ref.getName());
    }

    public static EntityKey key(SubchannelRef ref) {
        return new EntityKey(EntityKey.Kind.SUBCHANNEL, ref.getSubchannelId(), ref.getName());
    }

    public static EntityKey key(SocketRef ref) {
        return new EntityKey(EntityKey.Kind.SOCKET, ref.getSocketId(), ref.getName());
    }

    public static EntityKey key(ServerRef ref) {
        return new EntityKey(EntityKey.Kind.SERVER, ref.getServerId(), ref.getName());
    }

    public static ChannelNode channel(
            Channel channel, List<ChannelNode> channels, List<ChannelNode> subchannels, List<SocketNode> sockets) {
        ChannelData data = channel.hasData() ? channelData(channel.getData()) : null;
        return new ChannelNode(key(channel.getRef()), data, channels, subchannels, sockets);
    }

    public static ChannelNode subchannel(
            Subchannel subchannel,
            List<ChannelNode> channels,
            List<ChannelNode> subchannels,
            List<SocketNode> sockets) {
        ChannelData data = subchannel.hasData() ? channelData(subchannel.getData()) : null;
        return new ChannelNode(key(subchannel.getRef()), data, channels, subchannels, sockets);
    }

    public static ServerNode server(Server server, List<SocketNode> listenSockets, List<SocketNode> serverSockets) {
        ServerData data = null;
        if (server.hasData()) {
            io.grpc.channelz.v1.ServerData proto = server.getData();
            data = new ServerData(
                    proto.getCallsStarted(),
                    proto.getCallsSucceeded(),
                    proto.getCallsFailed(),
                    proto.hasLastCallStartedTimestamp() ? instant(proto.getLastCallStartedTimestamp()) : null,
                    proto.hasTrace() ? trace(proto.getTrace()) : null);
        }
        return new ServerNode(key(server.getRef()), data, listenSockets, serverSockets);
    }

    public static SocketNode socket(Socket socket, SocketNode.Role role) {
        return new SocketNode(
                key(socket.getRef()),
                role,
                socket.hasLocal() ? address(socket.getLocal()) : null,
                socket.hasRemote() ? address(socket.getRemote()) : null,
                socket.getRemoteName(),
                socket.hasData() ? socketData(socket.getData()) : null,
                socket.hasSecurity() ? security(socket.getSecurity()) : null);
    }

    static ChannelData channelData(io.grpc.channelz.v1.ChannelData data) {
        return new ChannelData(
                data.hasState() ? state(data.getState().getState()) : null,
                data.getTarget(),
                data.getCallsStarted(),
                data.getCallsSucceeded(),
                data.getCallsFailed(),
                data.hasLastCallStartedTimestamp() ? instant(data.getLastCallStartedTimestamp()) : null,
                data.hasTrace() ? trace(data.getTrace()) : null);
    }

    static ConnectivityState state(ChannelConnectivityState.State state) {
        return switch (state) {
            case IDLE -> ConnectivityState.IDLE;
            case CONNECTING -> ConnectivityState.CONNECTING;
            case READY -> ConnectivityState.READY;
            case TRANSIENT_FAILURE -> ConnectivityState.TRANSIENT_FAILURE;
            case SHUTDOWN -> ConnectivityState.SHUTDOWN;
            // UNRECOGNIZED: a newer peer's state this proto does not know yet
            case UNKNOWN, UNRECOGNIZED -> ConnectivityState.UNKNOWN;
        };
    }

    static ChannelTrace trace(io.grpc.channelz.v1.ChannelTrace trace) {
        List<ChannelTraceEvent> events =
                trace.getEventsList().stream().map(ChannelzMapper::traceEvent).toList();
        return new ChannelTrace(
                trace.getNumEventsLogged(),
                trace.hasCreationTimestamp() ? instant(trace.getCreationTimestamp()) : null,
                events);
    }

    static ChannelTraceEvent traceEvent(io.grpc.channelz.v1.ChannelTraceEvent event) {
        ChannelTraceEvent.Severity severity = switch (event.getSeverity()) {
            case CT_INFO -> ChannelTraceEvent.Severity.INFO;
            case CT_WARNING -> ChannelTraceEvent.Severity.WARNING;
            case CT_ERROR -> ChannelTraceEvent.Severity.ERROR;
            case CT_UNKNOWN, UNRECOGNIZED -> ChannelTraceEvent.Severity.UNKNOWN;
        };
        EntityKey child = switch (event.getChildRefCase()) {
            case CHANNEL_REF -> key(event.getChannelRef());
            case SUBCHANNEL_REF -> key(event.getSubchannelRef());
            case CHILDREF_NOT_SET -> null;
        };
        return new ChannelTraceEvent(
                event.getDescription(), severity, event.hasTimestamp() ? instant(event.getTimestamp()) : null, child);
    }

    static SocketData socketData(io.grpc.channelz.v1.SocketData data) {
        return new SocketData(
                data.getStreamsStarted(),
                data.getStreamsSucceeded(),
                data.getStreamsFailed(),
                data.getMessagesSent(),
                data.getMessagesReceived(),
                data.getKeepAlivesSent(),
                data.hasLastLocalStreamCreatedTimestamp() ? instant(data.getLastLocalStreamCreatedTimestamp()) : null,
                data.hasLastRemoteStreamCreatedTimestamp() ? instant(data.getLastRemoteStreamCreatedTimestamp()) : null,
                data.hasLastMessageSentTimestamp() ? instant(data.getLastMessageSentTimestamp()) : null,
                data.hasLastMessageReceivedTimestamp() ? instant(data.getLastMessageReceivedTimestamp()) : null,
                data.hasLocalFlowControlWindow()
                        ? data.getLocalFlowControlWindow().getValue()
                        : null,
                data.hasRemoteFlowControlWindow()
                        ? data.getRemoteFlowControlWindow().getValue()
                        : null,
                data.getOptionList().stream().map(ChannelzMapper::option).toList());
    }

    static SocketOptionValue option(SocketOption option) {
        return new SocketOptionValue(
                option.getName(),
                option.getValue(),
                option.hasAdditional() ? additional(option.getAdditional()) : null);
    }

    /** Renders the well-known structured option values; others by their type name. */
    static String additional(Any any) {
        try {
            if (any.is(SocketOptionTimeout.class)) {
                SocketOptionTimeout timeout = any.unpack(SocketOptionTimeout.class);
                return "timeout " + (timeout.hasDuration() ? duration(timeout.getDuration()) : "unset");
            }
            if (any.is(SocketOptionLinger.class)) {
                SocketOptionLinger linger = any.unpack(SocketOptionLinger.class);
                return "linger " + (linger.getActive() ? "on" : "off")
                        + (linger.hasDuration() ? " " + duration(linger.getDuration()) : "");
            }
            if (any.is(SocketOptionTcpInfo.class)) {
                SocketOptionTcpInfo info = any.unpack(SocketOptionTcpInfo.class);
                return "tcp_info state=" + info.getTcpiState() + " rtt=" + info.getTcpiRtt() + "us rttvar="
                        + info.getTcpiRttvar() + "us retransmits=" + info.getTcpiRetransmits() + " lost="
                        + info.getTcpiLost() + " snd_cwnd=" + info.getTcpiSndCwnd() + " pmtu=" + info.getTcpiPmtu();
            }
        } catch (InvalidProtocolBufferException e) {
            return "unreadable " + any.getTypeUrl();
        }
        return any.getTypeUrl();
    }

    static String address(Address address) {
        return switch (address.getAddressCase()) {
            case TCPIP_ADDRESS -> tcpIpAddress(address.getTcpipAddress());
            case UDS_ADDRESS -> "unix:" + address.getUdsAddress().getFilename();
            case OTHER_ADDRESS -> address.getOtherAddress().getName();
            case ADDRESS_NOT_SET -> null;
        };
    }

    private static String tcpIpAddress(Address.TcpIpAddress address) {
        byte[] bytes = address.getIpAddress().toByteArray();
        try {
            InetAddress ip = InetAddress.getByAddress(bytes);
            String host = ip.getHostAddress();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
        } catch (UnknownHostException e) {
            // an address of neither 4 nor 16 bytes: show that rather than drop the socket
            return "(invalid " + bytes.length + "-byte address):" + address.getPort();
        }
    }

    static SocketSecurity security(Security security) {
        return switch (security.getModelCase()) {
            case TLS -> {
                Security.Tls tls = security.getTls();
                String cipher = switch (tls.getCipherSuiteCase()) {
                    case STANDARD_NAME -> tls.getStandardName();
                    case OTHER_NAME -> tls.getOtherName();
                    case CIPHERSUITE_NOT_SET -> null;
                };
                yield new SocketSecurity(
                        "tls", cipher, subject(tls.getLocalCertificate()), subject(tls.getRemoteCertificate()));
            }
            case OTHER -> new SocketSecurity(security.getOther().getName(), null, null, null);
            case MODEL_NOT_SET -> null;
        };
    }

    /** The subject of a DER certificate; channelz sends the leaf only. Empty bytes mean no certificate. */
    static String subject(ByteString certificate) {
        if (certificate.isEmpty()) {
            return null;
        }
        try {
            X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate.toByteArray()));
            return x509.getSubjectX500Principal().getName();
        } catch (CertificateException | ClassCastException e) {
            return "(unreadable certificate, " + certificate.size() + " bytes)";
        }
    }

    /**
     * A timestamp outside what {@link Instant} holds is as good as absent, and so is the epoch itself: grpc-java sends
     * a zero timestamp for "never" (a socket that never created a local stream), not an absent field.
     */
    static Instant instant(Timestamp timestamp) {
        if (timestamp.getSeconds() == 0 && timestamp.getNanos() == 0) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    private static String duration(Duration duration) {
        return java.time.Duration.ofSeconds(duration.getSeconds(), duration.getNanos())
                .toString();
    }
}
