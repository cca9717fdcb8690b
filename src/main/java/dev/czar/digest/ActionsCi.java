package dev.czar.digest;

import dev.czar.evidence.ci.CiEvidence;
import dev.czar.evidence.ci.CiStatus;
import dev.czar.evidence.ci.WorkflowRun;

import java.util.List;

/** {@link CiSource} over the CI evidence service (GitHub Actions, with its last-known fallback). */
public final class ActionsCi implements CiSource {
    private final CiEvidence actions;

    public ActionsCi(CiEvidence actions) {
        this.actions = actions;
    }

    @Override
    public boolean configured() {
        return actions.configured();
    }

    @Override
    public List<FailingRun> failing(String branch) {
        CiStatus status = actions.status(branch);
        return status.runs().stream().filter(r -> r.completed() && !r.green())
                .map(r -> new FailingRun(branch, r.workflow(), r.id(), r.headSha(), r.url(),
                        r.failingJobs().stream().map(WorkflowRun.FailedJob::name).toList()))
                .toList();
    }
}
