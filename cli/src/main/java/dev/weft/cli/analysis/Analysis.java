package dev.weft.cli.analysis;

import dev.weft.cli.read.InputException;
import dev.weft.cli.read.ReadResult;
import dev.weft.cli.read.RecordingReader;
import dev.weft.cli.report.AgentSummary;
import dev.weft.cli.report.Gate;
import dev.weft.cli.report.RecordingSummary;
import dev.weft.cli.report.Report;
import dev.weft.cli.report.ReportBuilder;
import dev.weft.cli.report.Tool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One analysis of one or more recordings: streams each through the analyzers, in input order, and
 * merges what they conclude into a single report.
 *
 * <p>Analyzers are stateful, so an instance runs once. Rules (races, lock order, deadlocks) join
 * the list in the constructor; they get the thread tree to name where threads started (and the
 * data-race rule what else it needs: stacks seen at access sites, unmodelled synchronization).
 * A rule counts as checked when a recording made with the agent declares one of its event types
 * (see {@link Rule}).
 */
public final class Analysis {
    private final Tool tool;
    private final RecordingReader reader;
    private final AgentInfoAnalyzer agentInfo = new AgentInfoAnalyzer();
    private final List<Analyzer> analyzers = new ArrayList<>();
    private final List<Rule> rules;
    private boolean ran;

    public Analysis(Tool tool, RecordingReader reader) {
        this.tool = tool;
        this.reader = reader;
        ThreadTree threads = new ThreadTree();
        analyzers.add(threads);
        analyzers.add(agentInfo);
        analyzers.add(new ContentionAnalyzer());
        analyzers.add(new PinningAnalyzer());
        analyzers.add(new TimelineAnalyzer());
        analyzers.add(new CodeSourceAnalyzer());
        SiteStacks siteStacks = new SiteStacks();
        UnmodelledSynchronization unmodelled = new UnmodelledSynchronization();
        analyzers.add(siteStacks);
        analyzers.add(unmodelled);
        rules = List.of(new DataRaceRule(threads, siteStacks, unmodelled), new LockOrderRule(threads),
                new DeadlockRule(threads));
        analyzers.addAll(rules);
    }

    public Report run(List<Path> recordings, Gate gate) throws InputException {
        if (ran) {
            throw new IllegalStateException("an Analysis runs once");
        }
        ran = true;
        ReportBuilder report = new ReportBuilder(tool);
        EventDispatch dispatch = new EventDispatch(analyzers);
        for (int index = 0; index < recordings.size(); index++) {
            Path file = recordings.get(index);
            for (Analyzer analyzer : analyzers) {
                analyzer.beginRecording(index);
            }
            ReadResult read = reader.read(file, dispatch);
            analyzers.forEach(Analyzer::endRecording);
            AgentSummary agent = agentInfo.current();
            report.addRecording(new RecordingSummary(file.toString(), read.events(), read.weftEvents(), read.cut(),
                    agent, read.start(), read.end()));
            addNotes(report, file, read, agent);
            addCheckedRules(report, read);
        }
        analyzers.forEach(analyzer -> analyzer.contributeTo(report));
        return report.build(gate);
    }

    private void addCheckedRules(ReportBuilder report, ReadResult read) {
        if (!read.weftEvents()) {
            return;
        }
        for (Rule rule : rules) {
            if (!Collections.disjoint(rule.eventTypes(), read.eventTypes())) {
                rule.ruleIds().forEach(report::addCheckedRule);
            }
        }
    }

    private static void addNotes(ReportBuilder report, Path file, ReadResult read, AgentSummary agent) {
        if (read.cut()) {
            report.addNote(String.format("%s was cut short after %,d events: the report covers only those.",
                    file, read.events()));
        }
        if (!read.weftEvents() && read.events() > 0) {
            report.addNote("weft's events are absent from " + file + ": contention comes from JFR's built-in"
                    + " events only; record with -javaagent:weft-agent.jar for lock sites, j.u.c. owners,"
                    + " threads and findings.");
        }
        if (agent != null && agent.hadErrors()) {
            String firstError = agent.firstError() == null ? "" : " (first: " + agent.firstError() + ")";
            report.addNote(String.format("weft's agent in %s had %,d internal errors and failed to transform"
                    + " %,d classes%s: the program ran unaffected, but some of it went unwatched, so findings"
                    + " may be missing; please report this with the recording.",
                    file, agent.internalErrors(), agent.transformErrors(), firstError));
        }
        if (agent != null && agent.modelsNotApplied() > 0) {
            report.addNote(String.format("weft's agent in %s could not instrument %,d JDK classes whose"
                    + " synchronization it models (%s): what the program synchronized through them was invisible"
                    + " to race detection, so a data race reported there may be ordered after all; please report"
                    + " this with the recording.", file, agent.modelsNotApplied(), agent.modelsNotAppliedTo()));
        }
    }
}
