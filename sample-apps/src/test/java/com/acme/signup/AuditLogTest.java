package com.acme.signup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditLogTest {

    @Test
    void numbersAndChainsEntries() {
        AuditLog log = new AuditLog();
        assertThat(log.snapshot()).isEqualTo(new AuditLog.Snapshot(0, ""));

        log.append("signup a by worker-1");
        log.append("signup b by worker-2");

        AuditLog.Snapshot snapshot = log.snapshot();
        assertThat(snapshot.appended()).isEqualTo(2);
        assertThat(snapshot.newestEntry()).matches("2 [0-9a-f]{16} signup b by worker-2");
    }
}
