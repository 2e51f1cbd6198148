/**
 * The benchmark's target: a JVM that does nothing, so that whatever CPU it spends above its own idle cost is what a
 * JMX client costs it. Run with the source launcher: {@code java … bench/IdleTarget.java}.
 */
public final class IdleTarget {

    private IdleTarget() {}

    public static void main(String[] arguments) throws InterruptedException {
        System.out.println("idle target ready, pid " + ProcessHandle.current().pid());
        Thread.sleep(Long.MAX_VALUE);
    }
}
