package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.it.races.ReportDetails;
import dev.weft.schema.WeftEvents.AccessStack;
import dev.weft.schema.WeftEvents.UnmodelledSync;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data-race report of a real run under the agent (races=on), read by the real CLI: the earlier
 * access's stack taken when its site ran again, the locks each side held, and the note when the
 * program synchronizes through something weft does not model.
 */
class RaceReportIT {
    private static final SourceLines SOURCE = SourceLines.ofTestProgram(ReportDetails.class);
    private static final String ACCOUNT = "com.acme.it.races.ReportDetails$Account";
    private static final String HANDOFF = "com.acme.it.races.ReportDetails$Handoff";
    private static final String NL = System.lineSeparator();

    @Test
    void bothAccessesHaveAStackAndTheLocksTheirThreadHeld(@TempDir Path dir) throws Exception {
        Path recording = record(dir, "locks");

        ForkedJvm.Result report = ForkedJvm.weft("analyze", recording.toString());

        assertThat(report.exitCode()).as(report.toString()).isEqualTo(1);
        String depositLock = "com.acme.it.races.ReportDetails$Account.deposit(ReportDetails.java:"
            + SOURCE.site("deposit-lock") + ")";
        assertThat(report.stdout().lines()).as(report.toString()).containsSubsequence(
            "ERROR data-race on " + ACCOUNT + ".balance (once)",
            "  Read of " + ACCOUNT + ".balance by thread \"auditor\":",
            "      at " + ACCOUNT + ".peek(ReportDetails.java:" + SOURCE.site("peek-read") + ")",
            "    Locks held: none",
            "  Previous write by thread \"depositor\":",
            "    (stack and locks held as seen at a later execution of this site)",
            "      at " + ACCOUNT + ".deposit(ReportDetails.java:" + SOURCE.site("deposit-write") + ")",
            "    Locks held:");
        assertThat(report.stdout()).containsPattern("\\(stack and locks held as seen at a later execution of this"
            + " site\\)" + NL + "(      at .*" + NL + ")*      at com\\.acme\\.it\\.races\\.ReportDetails\\.lambda\\$locks\\$");
        assertThat(report.stdout()).containsPattern("    Locks held:" + NL
            + "      Mutex java\\.util\\.concurrent\\.locks\\.ReentrantLock@[0-9a-f]+ taken at "
            + java.util.regex.Pattern.quote(depositLock) + NL);

        List<RecordedEvent> stacks = RecordedEvents.read(recording).named(AccessStack.NAME);
        assertThat(stacks).as("one stack, of the deposit's site").hasSize(1);
        assertThat(stacks.get(0).getInt(AccessStack.SITE_LINE)).isEqualTo(SOURCE.site("deposit-write"));
        assertThat(stacks.get(0).getString(AccessStack.HELD_LOCKS)).startsWith("java.util.concurrent.locks.ReentrantLock@");
    }

    @Test
    void anEarlierAccessWhoseSiteNeverRanAgainIsShownByItsSiteAndSaysSo(@TempDir Path dir) throws Exception {
        ForkedJvm.Result report = ForkedJvm.weft("analyze", record(dir, "locks").toString());

        assertThat(report.stdout().lines()).as(report.toString()).containsSubsequence(
            "ERROR data-race on " + ACCOUNT + ".memo (once)",
            "  Previous write by thread \"depositor\":",
            "    (only the site is known: weft keeps no stack of an earlier access, and caught none at this site later)",
            "      at " + ACCOUNT + ".writeMemo(ReportDetails.java:" + SOURCE.site("memo-write") + ")",
            "  Thread \"auditor\" created at com.acme.it.races.ReportDetails.locks(ReportDetails.java:"
                + SOURCE.lineOf("auditor.start()") + ")");
    }

    @Test
    void racesOfThreadsThatHandOverThroughFencesAreWarningsThatNameTheFences(@TempDir Path dir) throws Exception {
        Path recording = record(dir, "fences");

        ForkedJvm.Result report = ForkedJvm.weft("analyze", recording.toString());

        assertThat(report.exitCode()).as("warnings pass the default gate: " + report).isZero();
        assertThat(report.stdout()).as(report.toString())
            .contains("WARNING data-race on " + HANDOFF + ".data (once)",
                "not ordered by any synchronization weft models",
                "  Note: this program synchronizes through ",
                "VarHandle.releaseFence at ReportDetails$Handoff.publish(ReportDetails.java:"
                    + SOURCE.site("release-fence") + ")",
                "VarHandle.acquireFence at ReportDetails$Handoff.await(ReportDetails.java:"
                    + SOURCE.site("acquire-fence") + ")",
                ", which weft does not model; if they order these accesses, this is not a race")
            .doesNotContain("ERROR data-race")
            .containsPattern("weft: 0 errors, [1-9] warnings? — gate 'error' passed");

        List<RecordedEvent> uses = RecordedEvents.read(recording).named(UnmodelledSync.NAME);
        assertThat(uses).extracting(use -> use.getString(UnmodelledSync.PRIMITIVE) + " by " + use.getThread().getJavaName())
            .contains("VarHandle.releaseFence by publisher", "VarHandle.acquireFence by subscriber")
            .doesNotHaveDuplicates();
    }

    private static Path record(Path dir, String scenario) throws Exception {
        Path file = dir.resolve(scenario + ".jfr");
        ForkedJvm.Result run = ForkedJvm.java().agent("filename=" + file + ",races=on")
            .main(ReportDetails.class, scenario).run();
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stderr()).as(run.toString()).isEmpty();
        return file;
    }
}
