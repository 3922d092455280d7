package dev.weft.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.schema.WeftEvents.Origins;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodeOriginsTest {
    private static final String H2 = "file:/srv/lib/h2-2.3.232.jar";

    @Test
    void aClassIsWhereItsPackageCameFrom() {
        CodeOrigins origins = new CodeOrigins();
        origins.add(H2, Origins.DEPENDENCY, "OSGi bundle com.h2database 2.3.232", "org.h2.engine,org.h2.command");
        origins.add("file:/srv/app/classes/", Origins.APPLICATION, "a class directory", "com.acme,<unnamed>");

        assertThat(origins.of("org.h2.command.Command$1"))
                .isEqualTo(new CodeOrigin(true, H2, "OSGi bundle com.h2database 2.3.232"));
        assertThat(origins.of("com.acme.Shop$$Lambda$14/0x0000000800c03000").dependency()).isFalse();
        assertThat(origins.of("Main")).isEqualTo(new CodeOrigin(false, "file:/srv/app/classes/", "a class directory"));
        assertThat(origins.of("com.acme.web.Handler")).as("a package no code source gave: by its name")
                .isEqualTo(CodeOrigin.byPackageName("com.acme.web.Handler"));
        assertThat(origins.of("<unknown>").codeSource()).as("JFR's unknown frame is no class of the unnamed package")
                .isNull();
    }

    @Test
    void theApplicationWinsAPackageItSharesWithALibrary() {
        CodeOrigins origins = new CodeOrigins();
        origins.add(H2, Origins.DEPENDENCY, "OSGi bundle com.h2database", "org.h2.util");
        origins.add("file:/work/h2/target/classes/", Origins.APPLICATION, "a class directory", "org.h2.util");
        origins.add(H2, Origins.DEPENDENCY, "OSGi bundle com.h2database", "org.h2.util"); // the next chunk

        assertThat(origins.of("org.h2.util.Utils"))
                .isEqualTo(new CodeOrigin(false, "file:/work/h2/target/classes/", "a class directory"));
    }

    @Test
    void anUnknownCodeSourceGivesWayToThePackageName() {
        CodeOrigins origins = new CodeOrigins();
        origins.add("file:/srv/lib/tools.jar", Origins.UNKNOWN, "a jar without library metadata",
                "com.acme.tools,org.apache.commons.lang3");

        assertThat(origins.of("com.acme.tools.Tool"))
                .isEqualTo(new CodeOrigin(false, "file:/srv/lib/tools.jar", "a jar without library metadata"));
        assertThat(origins.of("org.apache.commons.lang3.StringUtils")).isEqualTo(new CodeOrigin(true,
                "file:/srv/lib/tools.jar", "a jar without library metadata; package org.apache.* of a well-known library"));
    }

    @Test
    void theReportAttributesEveryLocation() {
        CodeOrigins origins = new CodeOrigins();
        origins.add(H2, Origins.DEPENDENCY, "OSGi bundle com.h2database", "org.h2.mvstore");
        origins.add("file:/srv/lib/acme-cache-1.0.jar", Origins.DEPENDENCY, "Maven com.acme:cache:1.0", "com.acme.cache");
        Finding finding = new Finding("data-race", Severity.ERROR, "f", "m", null, null, 1, List.of(
                new Location(new Frame("org.h2.mvstore.Page", "setKey", 88), "db-1"),
                new Location(new Frame("com.acme.cache.Cache", "put", 10), "db-2")));

        Report report = new ReportBuilder(new Tool("weft", "test")).addFinding(finding).codeOrigins(origins)
                .build(Gate.ERROR);

        Finding attributed = report.findings().get(0);
        assertThat(attributed.inDependencies()).isTrue();
        assertThat(attributed.dependencies()).containsExactly("h2-2.3.232.jar (OSGi bundle com.h2database)",
                "acme-cache-1.0.jar (Maven com.acme:cache:1.0)");
        assertThat(attributed.fingerprint()).as("whose code is no part of the fingerprint").isEqualTo(finding.fingerprint());
        assertThat(report.summary().gateFailed()).isFalse();
    }

    @Test
    void aCodeSourceIsNamedByItsJarOrDirectory() {
        assertThat(new CodeOrigin(true, H2, "r").codeSourceName()).isEqualTo("h2-2.3.232.jar");
        assertThat(new CodeOrigin(false, "file:/srv/app/target/classes/", "r").codeSourceName()).isEqualTo("classes/");
        assertThat(new CodeOrigin(true, "jar:nested:/srv/shop.jar/!BOOT-INF/lib/h2-2.3.232.jar!/", "r")
                .codeSourceName()).isEqualTo("h2-2.3.232.jar");
        assertThat(new CodeOrigin(true, null, "package org.h2.* of a well-known library").describe())
                .isEqualTo("package org.h2.* of a well-known library");
    }
}
