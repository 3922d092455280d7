package dev.weft.cli.report;

/** The program that wrote a report. */
public record Tool(String name, String version) {
}
