package dev.streamscope.app.jmx.transport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import javax.management.MBeanServerConnection;

/**
 * Wraps a remote {@link MBeanServerConnection} so every call it makes counts its bytes on the target's meter, on
 * whatever thread the caller runs it. Callers need not know about metering.
 */
final class MeteredServerConnection implements InvocationHandler {

    private final MBeanServerConnection server;
    private final WireCounter meter;

    private MeteredServerConnection(MBeanServerConnection server, WireCounter meter) {
        this.server = server;
        this.meter = meter;
    }

    static MBeanServerConnection wrap(MBeanServerConnection server, WireCounter meter) {
        return (MBeanServerConnection) Proxy.newProxyInstance(
                MBeanServerConnection.class.getClassLoader(),
                new Class<?>[] {MBeanServerConnection.class},
                new MeteredServerConnection(server, meter));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
        try {
            return RmiClientSockets.metered(meter, () -> method.invoke(server, arguments));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
