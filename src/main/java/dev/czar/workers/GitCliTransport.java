package dev.czar.workers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The remote through the {@code git} executable: whatever the user set up for {@code git fetch} works for czar. */
public final class GitCliTransport implements RemoteTransport {
    private final Path repo;

    public GitCliTransport(Path repo) {
        this.repo = repo;
    }

    @Override
    public void fetch(String remote) {
        GitProcess.run(repo, "fetch", "--prune", "--quiet", remote);
    }

    @Override
    public void push(String remote, String branch, String expectedRemoteHead) {
        String ref = "refs/heads/" + branch;
        List<String> args = new ArrayList<>(List.of("push", "--porcelain"));
        if (expectedRemoteHead != null) {
            args.add("--force-with-lease=" + ref + ":" + expectedRemoteHead);
        }
        args.add(remote);
        args.add(ref + ":" + ref);
        GitProcess.run(repo, args.toArray(String[]::new));
    }

    @Override
    public void delete(String remote, String branch) {
        GitProcess.run(repo, "push", "--porcelain", remote, ":refs/heads/" + branch);
    }
}
