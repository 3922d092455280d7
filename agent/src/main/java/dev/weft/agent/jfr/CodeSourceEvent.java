package dev.weft.agent.jfr;

import dev.weft.schema.WeftEvents.CodeSource;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

@Name(CodeSource.NAME)
@Label("Code Source (weft)")
@Category({"weft"})
@Description("A class directory or jar the application's classes came from: whose code it is, why, and its packages")
@StackTrace(false)
final class CodeSourceEvent extends Event {
    @Name(CodeSource.LOCATION)
    @Label("Location")
    String location;

    @Name(CodeSource.ORIGIN)
    @Label("Origin")
    @Description("application, dependency or unknown")
    String origin;

    @Name(CodeSource.REASON)
    @Label("Reason")
    String reason;

    @Name(CodeSource.PACKAGES)
    @Label("Packages")
    String packages;

    @Name(CodeSource.PACKAGES_TRUNCATED)
    @Label("Packages Truncated")
    boolean packagesTruncated;

    @Name(CodeSource.CLASSES)
    @Label("Classes")
    long classes;
}
