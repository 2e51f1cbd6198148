package dev.streamscope.app.lifetime;

/** Where a stream stands against its lifetime. */
public enum StreamStatus {
    /** Younger than {@link StreamAges#NEAR_SHARE} of its lifetime. */
    OK,
    /** At least {@link StreamAges#NEAR_SHARE} of its lifetime old, not yet overdue: the amber rows. */
    NEAR,
    /** At least its lifetime old: the red rows, counted in the tab's badge. */
    OVERDUE
}
