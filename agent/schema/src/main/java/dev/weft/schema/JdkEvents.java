package dev.weft.schema;

/** Names of the JDK's built-in JFR events that weft enables and reads, and their fields. */
public final class JdkEvents {
    private JdkEvents() {
    }

    /** Contended {@code synchronized} entry; fields {@link #MONITOR_CLASS}, {@link #PREVIOUS_OWNER}, {@link #ADDRESS}. */
    public static final String JAVA_MONITOR_ENTER = "jdk.JavaMonitorEnter";
    /** {@code Object.wait}; fields {@link #MONITOR_CLASS}, {@code notifier}, {@code timeout}, {@code timedOut}, {@link #ADDRESS}. */
    public static final String JAVA_MONITOR_WAIT = "jdk.JavaMonitorWait";
    /** {@code LockSupport.park}; fields {@code parkedClass}, {@code timeout}, {@code until}, {@link #ADDRESS}. */
    public static final String THREAD_PARK = "jdk.ThreadPark";
    public static final String THREAD_START = "jdk.ThreadStart";
    public static final String THREAD_END = "jdk.ThreadEnd";
    public static final String VIRTUAL_THREAD_PINNED = "jdk.VirtualThreadPinned";

    public static final String MONITOR_CLASS = "monitorClass";
    public static final String PREVIOUS_OWNER = "previousOwner";
    public static final String ADDRESS = "address";
    public static final String PARKED_CLASS = "parkedClass";
    public static final String NOTIFIER = "notifier";
}
