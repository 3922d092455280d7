package dev.weft.cli.report;

/** What weft's agent said about itself in one recording ({@code dev.weft.AgentInfo}). */
public record AgentSummary(String version, String options, String javaVersion, long instrumentedClasses,
                           long lockSites, long transformErrors, long internalErrors, String firstError) {
    public boolean hadErrors() {
        return transformErrors > 0 || internalErrors > 0;
    }
}
