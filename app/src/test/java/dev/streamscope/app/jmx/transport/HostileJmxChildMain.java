package dev.streamscope.app.jmx.transport;

import dev.streamscope.app.jmx.ChildJvm;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Set;
import javax.management.ObjectName;

/**
 * A child JVM whose JMX agent serves hostile data: an MBean whose attributes are object graphs crafted to harm a
 * client that deserializes them without a filter.
 */
public final class HostileJmxChildMain {

    public static final String OBJECT_NAME = "dev.streamscope.test:type=Hostile";

    private HostileJmxChildMain() {}

    public static void main(String[] arguments) throws Exception {
        ManagementFactory.getPlatformMBeanServer().registerMBean(new Hostile(), new ObjectName(OBJECT_NAME));
        ChildJvm.readyThenAwaitParent("hostile");
    }

    /** The MBean's management interface: each attribute is one kind of attack. */
    public interface HostileMBean {

        /** The "SerialDOS" shape: 100 levels of sets sharing children, re-hashing them costs 2^100 steps. */
        Object getNestedSets();

        /** A class outside the allowlist: stands for a gadget class found on the client's class path. */
        Object getForeignObject();

        /** A harmless value, to show the connection still works after an attack was refused. */
        String getName();
    }

    public static final class Hostile implements HostileMBean {

        @Override
        public Object getNestedSets() {
            Set<Object> root = new HashSet<>();
            Set<Object> left = root;
            Set<Object> right = new HashSet<>();
            for (int level = 0; level < 100; level++) {
                Set<Object> nextLeft = new HashSet<>();
                Set<Object> nextRight = new HashSet<>();
                nextLeft.add("unequal"); // keeps the two sets of a level distinct
                left.add(nextLeft);
                left.add(nextRight);
                right.add(nextLeft);
                right.add(nextRight);
                left = nextLeft;
                right = nextRight;
            }
            return root;
        }

        @Override
        public Object getForeignObject() {
            return new ForeignPayload("would run code in readObject");
        }

        @Override
        public String getName() {
            return "hostile";
        }
    }

    /** Serializable and on the client's class path too, yet not on the allowlist. */
    public static final class ForeignPayload implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String note;

        ForeignPayload(String note) {
            this.note = note;
        }

        @Override
        public String toString() {
            return note;
        }
    }
}
