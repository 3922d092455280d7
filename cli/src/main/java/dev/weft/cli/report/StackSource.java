package dev.weft.cli.report;

/**
 * Where the stack (and the locks held) of a finding's location come from. The agent takes JFR's
 * stack of the access it reports; of the earlier access of a data race it knows only the site, so
 * the stack shown there was seen at that site at another moment — which a report must say.
 */
public enum StackSource {
    /** The access's own stack, taken when it happened. */
    ACCESS("access"),
    /** The same race between the same two threads, reported the other way round: this site's stack then. */
    SAME_RACE("same-race"),
    /** Taken the next time a thread executed this site after the race was reported. */
    LATER_EXECUTION("later-execution"),
    /** Taken when this site was the reported access of another race. */
    OTHER_RACE("other-race"),
    /** No stack was seen at this site: only the site is known. */
    NONE("none");

    private final String id;

    StackSource(String id) {
        this.id = id;
    }

    /** The id in JSON: {@code access}, {@code same-race}, {@code later-execution}, {@code other-race}, {@code none}. */
    public String id() {
        return id;
    }
}
