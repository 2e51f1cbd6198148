package dev.streamscope.app.fleet;

import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a target address from an instance's labels: {@code {host}:9010} takes the host part of the {@code instance}
 * label, {@code {pod_ip}:50051} any label by name.
 */
public final class AddressTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z_][a-zA-Z0-9_]*)}");

    private AddressTemplate() {}

    /**
     * The address for {@code row}, or empty for an empty template.
     *
     * @throws IllegalArgumentException naming a label the instance does not have, and the ones it has
     */
    public static String expand(String template, FleetRow row) {
        Matcher matcher = PLACEHOLDER.matcher(template.strip());
        StringBuilder address = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = "host".equals(name) ? row.host() : row.labels().get(name);
            if (value == null) {
                throw new IllegalArgumentException("{" + name + "} in '" + template + "': " + row.instance()
                        + " has no label " + name + "; it has {host} and "
                        + new TreeSet<>(row.labels().keySet()));
            }
            matcher.appendReplacement(address, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(address);
        return address.toString();
    }
}
