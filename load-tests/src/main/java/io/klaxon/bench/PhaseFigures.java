package io.klaxon.bench;

/**
 * One system's figures for the two measured batches of a side-by-side run.
 *
 * @param burst every alert offered at once, sent as fast as the system's client takes them
 * @param paced alerts sent at a fixed rate, each timed from when it was due
 */
public record PhaseFigures(SystemFigures burst, SystemFigures paced) {}
