package dev.streamscope.app.settings;

/**
 * What the Fleet tab remembers: where Prometheus is and how to reach an instance. Never a token or a password.
 *
 * @param prometheusUrl the base URL, or empty
 * @param caFile a PEM CA file for an https Prometheus, or empty
 * @param user a basic-auth user, or empty
 * @param jmxTemplate an instance's JMX address from its labels, e.g. {@code {host}:9010}
 * @param channelzTemplate an instance's channelz address, e.g. {@code {host}:50051}
 * @param metrics the metric names in {@code FleetMetrics}'s text form, or empty for the jmx-bridge's
 */
public record FleetSettings(
        String prometheusUrl, String caFile, String user, String jmxTemplate, String channelzTemplate, String metrics) {

    public static final FleetSettings DEFAULTS = new FleetSettings("", "", "", "{host}:9010", "{host}:50051", "");

    public FleetSettings withPrometheus(String url) {
        return new FleetSettings(url, caFile, user, jmxTemplate, channelzTemplate, metrics);
    }

    public FleetSettings withTemplates(String jmx, String channelz) {
        return new FleetSettings(prometheusUrl, caFile, user, jmx, channelz, metrics);
    }
}
