package dev.streamscope.app.jmx;

/** A child JVM that does nothing but serve JMX through the JDK agent set up by its system properties. */
public final class JmxChildMain {

    private JmxChildMain() {}

    public static void main(String[] arguments) throws Exception {
        ChildJvm.readyThenAwaitParent("jmx");
    }
}
