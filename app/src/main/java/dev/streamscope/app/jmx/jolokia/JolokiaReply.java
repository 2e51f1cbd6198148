package dev.streamscope.app.jmx.jolokia;

import java.util.HashMap;
import java.util.Map;

/**
 * The agent's answer to one request of a bulk: a value, or an error of its own (one MBean missing or forbidden does
 * not fail the others). Values are Jolokia's JSON: maps, lists, numbers, strings, booleans.
 *
 * @param status the request's own status: 200, 404 when the MBean is missing, 403 when the agent's policy forbids it
 */
public record JolokiaReply(Object value, int status, String errorType, String error) {

    /**
     * A read's attributes by name. With {@code ignoreErrors} an attribute the MBean lacks comes back as an "ERROR: …"
     * text: left out, as a JMX {@code getAttributes} leaves it out.
     */
    public Map<String, Object> attributes() {
        return attributes(value);
    }

    /** As {@link #attributes()}, for one MBean's part of a pattern read. */
    public static Map<String, Object> attributes(Object read) {
        Map<String, Object> values = new HashMap<>();
        if (read instanceof Map<?, ?> map) {
            map.forEach((attribute, value) -> {
                if (!(value instanceof String text && text.startsWith("ERROR: "))) {
                    values.put(String.valueOf(attribute), value);
                }
            });
        }
        return values;
    }

    static JolokiaReply of(Object value) {
        return new JolokiaReply(value, 200, null, null);
    }

    public boolean ok() {
        return status == 200;
    }

    /** The agent's policy (its {@code jolokia-access.xml} restrictor) forbids this request. */
    public boolean forbidden() {
        return status == 403;
    }

    /** The MBean is not registered (or an attribute or operation of that name does not exist). */
    public boolean missing() {
        return status == 404 || "javax.management.InstanceNotFoundException".equals(errorType);
    }
}
