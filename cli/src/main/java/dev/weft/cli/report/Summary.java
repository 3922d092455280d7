package dev.weft.cli.report;

/** The counts a CI job reads first, and the gate's verdict on them. */
public record Summary(int findings, int errors, int warnings, int infos, Gate gate, boolean gateFailed) {
}
