package dev.weft.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.nio.file.Path;

/** The JDK's Attach API ({@code com.sun.tools.attach}), as {@link AgentLoader} uses it. */
final class AttachApi {
    private AttachApi() {
    }

    static void load(long pid, Path agentJar, String options) throws UsageOrInputException {
        if (!isAttachableJvm(pid)) {
            throw new UsageOrInputException("process " + pid + " is not a JVM weft can attach to: it must be a Java"
                    + " process of the same user, started without -XX:-UsePerfData (" + AgentLoader.LIST_HINT + ")");
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException | IOException e) {
            throw new UsageOrInputException("cannot attach to process " + pid + ": " + e.getMessage() + " (it must be"
                    + " a JVM run by the same user and not started with -XX:+DisableAttachMechanism; "
                    + AgentLoader.LIST_HINT + ")");
        }
        try {
            vm.loadAgent(agentJar.toString(), options);
        } catch (AgentLoadException e) {
            throw new UsageOrInputException("process " + pid + " could not load " + agentJar + ": " + e.getMessage()
                    + " (pass weft's agent jar to --agent)");
        } catch (AgentInitializationException e) {
            throw new UsageOrInputException("weft's agent failed to start in process " + pid + " (code "
                    + e.returnValue() + "); that process's stderr says why");
        } catch (IOException e) {
            throw new UsageOrInputException("lost the connection to process " + pid + " while loading the agent: "
                    + e.getMessage() + " (did it exit?)");
        } finally {
            detach(vm);
        }
    }

    /**
     * Whether the JVM announces itself to the Attach API (through its performance data file, as
     * {@code jps} sees it). Asked first because attaching to anything else costs a ten-second
     * timeout, and the signal attaching sends is not one every program survives.
     */
    private static boolean isAttachableJvm(long pid) {
        String id = Long.toString(pid);
        return VirtualMachine.list().stream().anyMatch(descriptor -> descriptor.id().equals(id));
    }

    private static void detach(VirtualMachine vm) {
        try {
            vm.detach();
        } catch (IOException e) {
            // the agent is loaded or failed either way; a dead connection leaves nothing to tidy
        }
    }
}
