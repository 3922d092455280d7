package dev.weft.cli.render;

import dev.weft.cli.report.Report;

/** One panel of the HTML report, with the link to it in the page's navigation bar. */
interface HtmlSection {
    /** The panel's element id, the target of its navigation link. */
    String id();

    /** The navigation link's text. */
    String title(Report report);

    /** Whether the report has anything for this panel; empty panels are left out, link and all. */
    default boolean shown(Report report) {
        return true;
    }

    void write(Html html, Report report);
}
