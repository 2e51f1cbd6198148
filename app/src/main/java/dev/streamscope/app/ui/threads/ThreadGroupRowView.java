package dev.streamscope.app.ui.threads;

/**
 * One pool as the table shows it.
 *
 * @param states counts by state, "3 RUNNABLE · 5 WAITING"
 * @param busy "2 of 8 busy"
 * @param busyLastMinute the share busy over the last minute, 0 to 1, for the bar
 */
public record ThreadGroupRowView(
        String pool, String kind, int threads, String states, String busy, double busyLastMinute) {}
