package dev.czar.agent;

import java.util.List;
import java.util.Optional;

/**
 * A STATUS question as the offline answerer understood it.
 *
 * @param kind          what is asked
 * @param branches      known branches the question names, in order of mention
 * @param unknownBranch a branch-like name the question mentions that the repository does not have
 * @param window        the time window for {@link Kind#LANDED}
 */
record StatusQuestion(Kind kind, List<String> branches, Optional<String> unknownBranch, TimeWindow window) {
    enum Kind {
        /** Where a branch stands: head, ahead/behind, merged. */
        BRANCH_STATUS,
        /** What a branch changes against main (diffstat). */
        CHANGES,
        /** Recent commits on a branch. */
        COMMITS,
        /** Whether a branch is merged into main. */
        MERGED,
        /** Every branch against main. */
        BRANCH_LIST,
        /** What landed on main in a time window. */
        LANDED,
        /** No specific question: an overview of the repository. */
        OVERVIEW,
        /** A question none of the above fits: answered with what czar can answer, not with an unrelated overview. */
        UNROUTABLE
    }
}
