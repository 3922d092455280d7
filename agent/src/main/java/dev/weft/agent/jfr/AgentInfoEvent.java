package dev.weft.agent.jfr;

import dev.weft.schema.WeftEvents.AgentInfo;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

@Name(AgentInfo.NAME)
@Label("Agent Info (weft)")
@Category({"weft"})
@Description("The weft agent's version, options and counters")
@StackTrace(false)
final class AgentInfoEvent extends Event {
    @Name(AgentInfo.VERSION)
    @Label("weft Version")
    String weftVersion;

    @Name(AgentInfo.OPTIONS)
    @Label("Options")
    String options;

    @Name(AgentInfo.JAVA_VERSION)
    @Label("Java Version")
    String javaVersion;

    @Name(AgentInfo.INSTRUMENTED_CLASSES)
    @Label("Instrumented Classes")
    long instrumentedClasses;

    @Name(AgentInfo.LOCK_SITES)
    @Label("Lock Sites")
    long lockSites;

    @Name(AgentInfo.TRANSFORM_ERRORS)
    @Label("Transform Errors")
    long transformErrors;

    @Name(AgentInfo.INTERNAL_ERRORS)
    @Label("Internal Errors")
    long internalErrors;

    @Name(AgentInfo.FIRST_ERROR)
    @Label("First Error")
    String firstError;

    @Name(AgentInfo.THREADS_SEEN)
    @Label("Threads Seen")
    long threadsSeen;

    @Name(AgentInfo.THREAD_NUMBERS)
    @Label("Thread Numbers")
    long threadNumbers;

    @Name(AgentInfo.ARRAY_SHADOWS_DROPPED)
    @Label("Array Shadows Dropped")
    @Description("Arrays whose race-detection history was dropped because the table of array shadows was full")
    long arrayShadowsDropped;

    @Name(AgentInfo.MODELS_NOT_APPLIED)
    @Label("Models Not Applied")
    @Description("JDK classes the program loaded whose synchronization weft models, but which did not get the model's instrumentation")
    long modelsNotApplied;

    @Name(AgentInfo.MODELS_NOT_APPLIED_TO)
    @Label("Models Not Applied To")
    @Description("The first of those classes")
    String modelsNotAppliedTo;
}
