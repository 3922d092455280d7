package dev.weft.cli.analysis;

import java.util.List;

/**
 * An analyzer that reports findings. A rule is <em>checked</em> by a recording made with weft's
 * agent that declares one of its {@link #eventTypes() event types}: JFR declares the types of all
 * events registered in the recorded JVM, whether or not one was written, so a detector that ran
 * and saw nothing passes, while a recording made without it leaves the rule unchecked rather than
 * passed. (Registered is not enabled: without weft's own events in it, a recording checks nothing.)
 */
interface Rule extends Analyzer {
    /** The kebab-case ids of the findings this rule reports. */
    List<String> ruleIds();
}
