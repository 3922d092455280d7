package dev.weft.cli.report;

/**
 * What weft's agent said about itself in one recording ({@code dev.weft.AgentInfo}).
 *
 * @param modelsNotApplied   JDK classes the program loaded whose synchronization weft models but
 *                           that did not get the model's instrumentation
 * @param modelsNotAppliedTo the first of them, comma-separated, or null
 */
public record AgentSummary(String version, String options, String javaVersion, long instrumentedClasses,
                           long lockSites, long transformErrors, long internalErrors, String firstError,
                           long modelsNotApplied, String modelsNotAppliedTo) {
    public boolean hadErrors() {
        return transformErrors > 0 || internalErrors > 0;
    }
}
