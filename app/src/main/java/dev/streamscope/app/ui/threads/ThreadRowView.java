package dev.streamscope.app.ui.threads;

/**
 * One thread of the last dump.
 *
 * @param stack its stack as jstack prints it, what Copy stack copies
 */
public record ThreadRowView(long id, String name, String state, String pool, String top, String stack) {}
