package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentOptionsTest {

    @Test
    void withoutFilenameWritesWeftPidInWorkingDirectory() {
        AgentOptions options = AgentOptions.parse(null);

        assertThat(options.filename().toString()).isEqualTo("weft-" + ProcessHandle.current().pid() + ".jfr");
        assertThat(options.problems()).isEmpty();
        assertThat(options.threshold()).isEqualTo("100 us");
    }

    @Test
    void readsJfrStyleKeyValuePairs() {
        AgentOptions options = AgentOptions.parse("filename=out.jfr,include=com.acme.*;org.shop.*,exclude=com.acme.gen.*,threshold=1ms");

        assertThat(options.filename().toString()).isEqualTo("out.jfr");
        assertThat(options.includes()).containsExactly("com.acme.*", "org.shop.*");
        assertThat(options.excludes()).containsExactly("com.acme.gen.*");
        assertThat(options.threshold()).isEqualTo("1 ms");
        assertThat(options.problems()).isEmpty();
    }

    @Test
    void expandsPidInFilenameAsJfrDoes() {
        AgentOptions options = AgentOptions.parse("filename=run-%p.jfr");

        assertThat(options.filename().toString()).isEqualTo("run-" + ProcessHandle.current().pid() + ".jfr");
    }

    @Test
    void expandsTimestampInFilenameAsJfrDoes() {
        AgentOptions options = AgentOptions.parse("filename=run-%t-%p.jfr");

        assertThat(options.filename().toString())
            .matches("run-\\d{4}_\\d{2}_\\d{2}_\\d{2}_\\d{2}_\\d{2}-" + ProcessHandle.current().pid() + "\\.jfr");
    }

    @Test
    void keepsTransformedJdkClassesInTheUsersCacheUnlessToldOtherwise() {
        assertThat(AgentOptions.parse(null).cache().getPath()).endsWith("weft");
        assertThat(AgentOptions.parse("cache=off").cache()).isNull();
        assertThat(AgentOptions.parse("cache=build/weft-cache").cache()).isEqualTo(new java.io.File("build/weft-cache"));
        AgentOptions empty = AgentOptions.parse("cache=");
        assertThat(empty.problems()).singleElement().asString().contains("'cache' needs a directory or off");
        assertThat(empty.cache()).isNotNull();
    }

    @Test
    void unknownAndMalformedOptionsAreReportedOneLineEachAndIgnored() {
        AgentOptions options = AgentOptions.parse("colour=blue,filename,threshold=soon,include=com.acme.*");

        assertThat(options.problems()).hasSize(3)
            .anySatisfy(p -> assertThat(p).contains("unknown option 'colour'"))
            .anySatisfy(p -> assertThat(p).contains("'filename' is not key=value"))
            .anySatisfy(p -> assertThat(p).contains("threshold=soon"));
        assertThat(options.problems()).allSatisfy(p -> assertThat(p).doesNotContain("\n"));
        assertThat(options.includes()).containsExactly("com.acme.*");
        assertThat(options.threshold()).isEqualTo("100 us");
    }

    @Test
    void readsTheLowOverheadDeadlockAndDurationOptions() {
        AgentOptions options = AgentOptions.parse("lockorder=off,deadlock=250ms,duration=2m");

        assertThat(options.lockOrder()).isFalse();
        assertThat(options.deadlockPeriod()).hasMillis(250);
        assertThat(options.duration()).hasMinutes(2);
        assertThat(options.problems()).isEmpty();
    }

    @Test
    void byDefaultTracksLockOrderLooksForDeadlocksEverySecondAndRecordsUntilExit() {
        AgentOptions options = AgentOptions.parse("");

        assertThat(options.lockOrder()).isTrue();
        assertThat(options.deadlockPeriod()).hasSeconds(1);
        assertThat(options.duration()).isNull();
    }

    @Test
    void deadlockDetectionCanBeSwitchedOffAndBadValuesFallBackToDefaults() {
        assertThat(AgentOptions.parse("deadlock=off").deadlockPeriod()).isNull();

        AgentOptions bad = AgentOptions.parse("lockorder=maybe,deadlock=often,duration=0s");
        assertThat(bad.lockOrder()).isTrue();
        assertThat(bad.deadlockPeriod()).hasSeconds(1);
        assertThat(bad.duration()).isNull();
        assertThat(bad.problems()).hasSize(3);
    }
}
